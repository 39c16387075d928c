package org.ebmbench.experiments.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CD-1 updates of a Bernoulli RBM (784 visible, 500 hidden) through the public API: the Gibbs
 * step, both gradient terms and an SGD step, on each engine (cpu, gpu), in double or float, with
 * mini-batches of 100 or 1000. The score is examples per second: one invocation processes
 * {@value #EXAMPLES} examples ({@code EXAMPLES / batchSize} updates). {@code path=shortcut} is what
 * experiments get (the RBM's {@code contrastiveGradient}, P(h | v0) computed once); {@code
 * path=general} hides the Gibbs sampler behind a plain {@link Sampler} so the estimator takes the
 * general path (k sweeps, then two mean gradients), for an A/B in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RbmCdBenchmark {
  static final int EXAMPLES = 1000;

  @Param({"cpu", "gpu"})
  public String engine;

  @Param({"784x500"})
  public String shape;

  @Param({"100", "1000"})
  public int batchSize;

  @Param({"DOUBLE", "FLOAT"})
  public Precision precision;

  @Param({"shortcut"})
  public String path;

  private BernoulliRbm model;
  private ContrastiveDivergence cd;
  private Sgd sgd;
  private Mat batch;
  private Mat gradient;
  private RandomStream stream;

  @Setup
  public void setUp() {
    Ops ops = Engines.byName(engine).ops(precision);
    String[] dims = shape.split("x");
    int visible = Integer.parseInt(dims[0]);
    int hidden = Integer.parseInt(dims[1]);
    stream = RandomStream.of(42);
    model = BernoulliRbm.random(ops, visible, hidden, 0.01, 0.0, stream);
    // Random binary "images" with pixel density 0.15, about that of binarized MNIST digits.
    SplittableRandom random = new SplittableRandom(7);
    if (EXAMPLES % batchSize != 0) {
      throw new IllegalArgumentException("batchSize must divide " + EXAMPLES + ", got " + batchSize);
    }
    double[] pixels = new double[batchSize * visible];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextDouble() < 0.15 ? 1.0 : 0.0;
    }
    batch = ops.fromHost(batchSize, visible, pixels);
    cd = ContrastiveDivergence.cd(1, sampler(path));
    sgd = new Sgd(ops, 1e-3, 0.5);
    gradient = ops.zeros(model.parameterCount(), 1);
  }

  /** The Gibbs sampler, or ("general") the same sweeps behind a sampler the shortcut ignores. */
  private static Sampler sampler(String path) {
    GibbsSampler gibbs = new GibbsSampler();
    return switch (path) {
      case "shortcut" -> gibbs;
      case "general" -> new Sampler() {
        @Override
        public String describe() {
          return "gibbs(general path)";
        }

        @Override
        public void step(EnergyModel model, Mat states, RandomStream stream) {
          gibbs.step(model, states, stream);
        }
      };
      default -> throw new IllegalArgumentException(
          "path must be shortcut or general, got '" + path + "'");
    };
  }

  @Benchmark
  @OperationsPerInvocation(EXAMPLES)
  public Mat update() {
    for (int done = 0; done < EXAMPLES; done += batchSize) {
      cd.lossGradient(model, batch, stream, gradient);
      sgd.step(model.parameters(), gradient);
    }
    return model.parameters();
  }
}
