package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.estimator.BatchParts;
import org.ebmbench.estimator.DenoisingScoreMatching;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ScoreMatching;
import org.ebmbench.model.IsingModel;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * An estimator on parts of the batch: the row-weighted mean of the parts' gradients is the
 * gradient of the whole batch's loss, and the numbers depend on the parts, never on the engine's
 * threads.
 */
class BatchPartsTest {
  private static final int[] WIDTHS = {2, 16, 16, 1};

  /**
   * Exact score matching draws nothing, so parts change only the order of the sums: with n rows
   * the means carry at most about n u of relative rounding (3e-14 for n = 256 in double). 1e-10 of
   * the largest component sits far above that and far below what a lost or misweighted row does
   * (a change of order 1/n, 4e-3 here).
   */
  @Test
  void exactScoreMatchingInPartsIsTheWholeBatchGradient() {
    for (int rows : new int[] {256, 7}) {
      Ops ops = new CpuEngine(2).ops(Precision.DOUBLE);
      MlpEnergy model = model(ops);
      Mat batch = batch(ops, rows, 3);
      double[] whole = gradient(new ScoreMatching(), model, batch, 1);
      for (int parts : new int[] {2, 3}) {
        double[] split = gradient(new BatchParts(parts, ScoreMatching::new), model, batch, 1);
        double scale = maxAbs(whole);
        for (int i = 0; i < whole.length; i++) {
          assertThat(Math.abs(split[i] - whole[i]))
              .as("%d rows in %d parts, component %d", rows, parts, i)
              .isLessThanOrEqualTo(1e-10 * scale);
        }
      }
    }
  }

  @Test
  void partsGiveTheSameBitsOnOneThreadOrTwo() {
    double[][] runs = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Ops ops = new CpuEngine(threads).ops(Precision.FLOAT);
      MlpEnergy model = model(ops);
      Estimator dsm = new BatchParts(2, () -> new DenoisingScoreMatching(0.1));
      runs[threads - 1] = gradient(dsm, model, batch(ops, 256, 4), 3);
    }
    assertThat(runs[1]).containsExactly(runs[0]);
  }

  @Test
  void eachStepDrawsAnewAndTheSameSeedRepeats() {
    Ops ops = new CpuEngine(2).ops(Precision.DOUBLE);
    MlpEnergy model = model(ops);
    Mat batch = batch(ops, 64, 5);
    Estimator dsm = new BatchParts(2, () -> new DenoisingScoreMatching(0.1));
    RandomStream stream = RandomStream.of(8);
    Mat out = ops.zeros(model.parameterCount(), 1);
    dsm.lossGradient(model, batch, stream, out);
    double[] first = ops.toHost(out);
    dsm.lossGradient(model, batch, stream, out);
    assertThat(ops.toHost(out)).as("the second step's noise").isNotEqualTo(first);
    Estimator again = new BatchParts(2, () -> new DenoisingScoreMatching(0.1));
    again.lossGradient(model, batch, RandomStream.of(8), out);
    assertThat(ops.toHost(out)).as("the same seed").containsExactly(first);
  }

  @Test
  void viewsReadTheLiveParameters() {
    Ops ops = new CpuEngine(1).ops(Precision.DOUBLE);
    MlpEnergy model = model(ops);
    MlpEnergy view = model.sharingParameters();
    Mat x = batch(ops, 5, 6);
    Mat f = ops.zeros(5, 1);
    Mat g = ops.zeros(5, 1);
    ops.affine(model.parameters(), 0.5, 0.25, model.parameters());
    model.logDensityUnnormalized(x, f);
    view.logDensityUnnormalized(x, g);
    assertThat(ops.toHost(g)).containsExactly(ops.toHost(f));
  }

  @Test
  void badUseNamesWhatIsWrong() {
    Ops ops = new CpuEngine(1).ops(Precision.DOUBLE);
    assertThatThrownBy(() -> new BatchParts(1, ScoreMatching::new))
        .hasMessageContaining("at least 2 parts, got 1");
    Mat out = ops.zeros(model(ops).parameterCount(), 1);
    assertThatThrownBy(() -> new BatchParts(2, ScoreMatching::new)
            .lossGradient(model(ops), batch(ops, 1, 7), RandomStream.of(1), out))
        .hasMessageContaining("1 rows cannot split into 2 parts");
    IsingModel ising = IsingModel.random(ops, 4, 0.5, 0.1, RandomStream.of(2));
    Mat spins = ops.zeros(4, 4);
    Mat isingOut = ops.zeros(ising.parameterCount(), 1);
    assertThatThrownBy(() -> new BatchParts(2, ScoreMatching::new)
            .lossGradient(ising, spins, RandomStream.of(1), isingOut))
        .hasMessageContaining(ising.describe() + " does not");
  }

  private static MlpEnergy model(Ops ops) {
    return MlpEnergy.initialized(ops, WIDTHS, Activation.SILU, RandomStream.of(11));
  }

  private static Mat batch(Ops ops, int rows, long seed) {
    RandomStream stream = RandomStream.of(seed);
    double[] x = new double[rows * WIDTHS[0]];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2.0 * stream.nextGaussian();
    }
    return ops.fromHost(rows, WIDTHS[0], x);
  }

  private static double[] gradient(Estimator estimator, MlpEnergy model, Mat batch, long seed) {
    Ops ops = model.ops();
    Mat out = ops.zeros(model.parameterCount(), 1);
    estimator.lossGradient(model, batch, RandomStream.of(seed), out);
    return ops.toHost(out);
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
