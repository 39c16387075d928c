package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.ExactPartition;
import org.ebmbench.model.IsingModel;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.junit.jupiter.api.Test;

/** The CPU engine gives the same bits with one thread and with two. */
class CpuThreadDeterminismTest {
  private final Ops single = new CpuEngine(1).ops();
  private final Ops dual = new CpuEngine(2).ops();

  @Test
  void gemmIsBitIdentical() {
    // Large enough to be split into many blocks (the parallel threshold is ~2^15 multiply-adds).
    for (boolean transposeA : new boolean[] {false, true}) {
      assertThat(product(dual, transposeA)).isEqualTo(product(single, transposeA));
    }
  }

  @Test
  void isingEnumerationIsBitIdentical() {
    // n = 14 spans two chunks, the second one partial.
    IsingModel one = IsingModel.random(single, 14, 1.0, 0.5, RandomStream.of(3));
    IsingModel two = IsingModel.random(dual, 14, 1.0, 0.5, RandomStream.of(3));
    assertThat(two.logPartition()).isEqualTo(one.logPartition());
    assertThat(expectation(two)).isEqualTo(expectation(one));
  }

  @Test
  void rbmEnumerationIsBitIdentical() {
    // 2^12 hidden states over 13 visible units span two chunks, the second one partial.
    BernoulliRbm one = BernoulliRbm.random(single, 13, 12, 0.5, 0.5, RandomStream.of(4));
    BernoulliRbm two = BernoulliRbm.random(dual, 13, 12, 0.5, 0.5, RandomStream.of(4));
    assertThat(two.logPartition()).isEqualTo(one.logPartition());
    assertThat(expectation(two)).isEqualTo(expectation(one));
  }

  @Test
  void cdUpdateIsBitIdentical() {
    // 200 x 100 draws per layer: enough for the Bernoulli comparison pass to be split in blocks.
    assertThat(cdGradient(dual)).isEqualTo(cdGradient(single));
  }

  @Test
  void mlpScoreMatchingGradientIsBitIdentical() {
    // 256 x 64 hidden activations: the fused element-wise passes (several terms, broadcast rows
    // and columns at the output layer) are split in blocks; double and float storage.
    for (Precision precision : Precision.values()) {
      assertThat(scoreMatchingGradient(new CpuEngine(2).ops(precision)))
          .isEqualTo(scoreMatchingGradient(new CpuEngine(1).ops(precision)));
    }
  }

  /** The exact score-matching gradient of an MLP 2-64-64-1 (SiLU) on a Gaussian batch of 256. */
  private static double[] scoreMatchingGradient(Ops ops) {
    MlpEnergy mlp =
        MlpEnergy.initialized(ops, new int[] {2, 64, 64, 1}, Activation.SILU, RandomStream.of(8));
    Mat gradient = ops.zeros(mlp.parameterCount(), 1);
    mlp.scoreMatchingObjective(gaussian(ops, 256, 2, 9), gradient);
    return ops.toHost(gradient);
  }

  /** One CD-1 gradient (shortcut path: Gibbs sampler) of a 100x100 RBM on a random binary batch. */
  private static double[] cdGradient(Ops ops) {
    BernoulliRbm rbm = BernoulliRbm.random(ops, 100, 100, 0.1, 0.1, RandomStream.of(5));
    Mat batch = ops.zeros(200, 100);
    ops.uniform(RandomStream.of(6), batch);
    ops.lessThan(batch, 0.3, batch);
    Mat gradient = ops.zeros(rbm.parameterCount(), 1);
    ContrastiveDivergence.cd(1, new GibbsSampler())
        .lossGradient(rbm, batch, RandomStream.of(7), gradient);
    return ops.toHost(gradient);
  }

  private static double[] product(Ops ops, boolean transposeA) {
    Mat a = gaussian(ops, 150, 130, 1);
    Mat b = gaussian(ops, 130, 90, 2);
    Mat c = ops.zeros(transposeA ? 130 : 150, 90);
    if (transposeA) {
      ops.gemm(1.0, a, true, gaussian(ops, 150, 90, 2), false, 0.0, c);
    } else {
      ops.gemm(1.0, a, false, b, false, 0.0, c);
    }
    return ops.toHost(c);
  }

  private static Mat gaussian(Ops ops, int rows, int cols, long seed) {
    Mat m = ops.zeros(rows, cols);
    ops.gaussian(RandomStream.of(seed), m);
    return m;
  }

  private static double[] expectation(ExactPartition model) {
    Mat out = model.ops().zeros(model.parameterCount(), 1);
    model.expectedParameterGradient(out);
    return model.ops().toHost(out);
  }
}
