package org.ebmbench.experiments.bench;

import java.util.concurrent.TimeUnit;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.estimator.BatchParts;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.DenoisingScoreMatching;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ScoreMatching;
import org.ebmbench.estimator.SlicedScoreMatching;
import org.ebmbench.estimator.SlicedScoreMatching.Projection;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.optim.Adam;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.LangevinSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of an MLP energy d-128-128-1 (SiLU) on a batch of 256 through the public API:
 * the estimator's loss gradient and an Adam step. Scores are steps per second. The data are draws
 * from a mixture of 8 unit-variance Gaussians with centres on a radius-4 circle in the first two
 * coordinates (standard normal in the others); the cost does not depend on them.
 *
 * <p>{@code estimator}: "dsm" (sigma 0.1), "ssm" (1 Rademacher projection), "ssm-vr" (the same,
 * variance-reduced), "exact" (Hyvarinen's, d tangent and curvature streams) or "cd-20"
 * (contrastive divergence, chains started at the batch and run 20 unadjusted Langevin steps of
 * size 0.1: 20 score evaluations and two parameter gradients per step). {@code dimension} sweeps
 * d: exact score matching's cost grows with d, sliced's does not. {@code parts} 2 runs each half
 * of the batch as a step of its own on one core and averages the gradients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NeuralScoreMatchingBenchmark {
  static final int BATCH = 256;

  @Param({"cpu"})
  public String engine;

  @Param({"dsm", "ssm", "ssm-vr", "exact", "cd-20"})
  public String estimator;

  @Param({"2"})
  public int dimension;

  /**
   * Parts of the batch, each a whole step on one of the engine's threads ({@link BatchParts}); 1
   * runs the estimator on the whole batch, its operations split across the threads instead.
   */
  @Param({"1", "2"})
  public int parts;

  /** The engine's storage precision; double is the reference, PyTorch's figures are float. */
  @Param({"DOUBLE"})
  public Precision precision;

  private MlpEnergy model;
  private Estimator method;
  private Adam adam;
  private Mat batch;
  private Mat gradient;
  private RandomStream stream;

  @Setup
  public void setUp() {
    Ops ops = Engines.byName(engine).ops(precision);
    stream = RandomStream.of(42);
    model =
        MlpEnergy.initialized(
            ops, new int[] {dimension, 128, 128, 1}, Activation.SILU, stream.derive("init"));
    RandomStream data = stream.derive("data");
    double[] x = new double[BATCH * dimension];
    for (int i = 0; i < BATCH; i++) {
      double angle = 2 * Math.PI * data.nextInt(8) / 8;
      for (int k = 0; k < dimension; k++) {
        double centre = k == 0 ? 4 * Math.cos(angle) : k == 1 ? 4 * Math.sin(angle) : 0;
        x[i * dimension + k] = centre + data.nextGaussian();
      }
    }
    batch = ops.fromHost(BATCH, dimension, x);
    method = parts == 1 ? estimator(estimator) : new BatchParts(parts, () -> estimator(estimator));
    adam = new Adam(ops, 1e-3);
    gradient = ops.zeros(model.parameterCount(), 1);
  }

  private static Estimator estimator(String name) {
    switch (name) {
      case "dsm":
        return new DenoisingScoreMatching(0.1);
      case "ssm":
        return new SlicedScoreMatching(1, Projection.RADEMACHER, false);
      case "ssm-vr":
        return new SlicedScoreMatching(1, Projection.RADEMACHER, true);
      case "exact":
        return new ScoreMatching();
      case "cd-20":
        return ContrastiveDivergence.cd(20, new LangevinSampler(0.1));
      default:
        throw new IllegalArgumentException(
            "estimator must be dsm, ssm, ssm-vr, exact or cd-20, got '" + name + "'");
    }
  }

  @Benchmark
  public Mat step() {
    method.lossGradient(model, batch, stream, gradient);
    adam.step(model.parameters(), gradient);
    return model.parameters();
  }
}
