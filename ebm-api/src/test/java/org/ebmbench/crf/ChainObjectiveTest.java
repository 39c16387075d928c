package org.ebmbench.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebmbench.conformance.Tolerances;
import org.ebmbench.optim.Lbfgs;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The training objective: value, finite-difference gradient, thread-count independence. */
class ChainObjectiveTest {
  private static final int ATTRIBUTES = 5;
  private static final int LABELS = 3;

  private static List<LabeledSequence> data(long seed, int count) {
    return RandomChains.data(RandomStream.of(seed), ATTRIBUTES, LABELS, count, 6);
  }

  private static ChainObjective objective(List<LabeledSequence> data, double l2, int threads) {
    return new ChainObjective(
        ATTRIBUTES, LABELS, data, l2, 4, threads, new HostChainLikelihoodKernel());
  }

  @Test
  void valueIsPenalizedNegativeLogLikelihood() {
    List<LabeledSequence> data = data(21, 7);
    ChainCrf model = RandomChains.model(RandomStream.of(22), ATTRIBUTES, LABELS, 1.0);
    double[] w = model.weights();
    double expected = 0;
    for (LabeledSequence s : data) {
      expected -= model.score(s.x(), s.y()) - new ChainBruteForce(model, s.x()).logPartition;
    }
    for (double v : w) {
      expected += 0.5 * 0.3 * v * v;
    }
    try (ChainObjective f = objective(data, 0.3, 1)) {
      double value = f.valueAndGradient(w, new double[w.length]);
      // Sums of a few dozen terms of order 10: round-off well below 1e-12 relative.
      assertThat(value)
          .isCloseTo(expected, within(Tolerances.DOUBLE.roundOff() * Math.abs(expected)));
    }
  }

  /** Every coordinate of the gradient against a central difference of the value. */
  @Test
  void gradientMatchesFiniteDifferences() {
    List<LabeledSequence> data = data(23, 9);
    double[] w = RandomChains.model(RandomStream.of(24), ATTRIBUTES, LABELS, 1.0).weights();
    Tolerances tol = Tolerances.DOUBLE;
    try (ChainObjective f = objective(data, 0.5, 1)) {
      double[] gradient = new double[w.length];
      f.valueAndGradient(w, gradient);
      double[] scratch = new double[w.length];
      for (int k = 0; k < w.length; k++) {
        double h = tol.finiteDifferenceStep() * Math.max(1, Math.abs(w[k]));
        double[] plus = w.clone();
        double[] minus = w.clone();
        plus[k] += h;
        minus[k] -= h;
        double difference =
            (f.valueAndGradient(plus, scratch) - f.valueAndGradient(minus, scratch)) / (2 * h);
        // Relative to the objective's scale: the difference quotient's cancellation error is
        // eps * |F| / h, so the comparison is scaled by max(1, |F|) as well as |g|.
        double scale = Math.max(Math.abs(gradient[k]), 1);
        assertThat(gradient[k])
            .as("coordinate %d", k)
            .isCloseTo(difference, within(tol.finiteDifference() * scale * 10));
      }
    }
  }

  /** Fixed blocks summed in a fixed order: 1 and 2 threads give the same bits. */
  @Test
  void threadCountDoesNotChangeValueGradientOrTrainedWeights() {
    List<LabeledSequence> data = data(25, 40);
    double[] w = RandomChains.model(RandomStream.of(26), ATTRIBUTES, LABELS, 1.0).weights();
    Lbfgs lbfgs = new Lbfgs(5, 30, 1e-8, 5, 1e-10);
    try (ChainObjective one = objective(data, 0.1, 1);
        ChainObjective two = objective(data, 0.1, 2)) {
      assertThat(one.blockCount()).isEqualTo(4);
      double[] g1 = new double[w.length];
      double[] g2 = new double[w.length];
      assertThat(two.valueAndGradient(w, g2)).isEqualTo(one.valueAndGradient(w, g1));
      assertThat(g2).containsExactly(g1);
      double[] trained1 = lbfgs.minimize(one, new double[w.length]).x();
      double[] trained2 = lbfgs.minimize(two, new double[w.length]).x();
      assertThat(trained2).containsExactly(trained1);
    }
  }

  /**
   * At the L-BFGS optimum the gradient vanishes: empirical counts = expected counts + l2 w. A line
   * search sees f only to eps |F| (~1e-14 here), so it resolves steps while ||g||^2 / curvature
   * exceeds that, i.e. down to ||g|| ~ 1e-7; 1e-5 relative is safely above that floor.
   */
  @Test
  void lbfgsReachesAStationaryPoint() {
    List<LabeledSequence> data = data(27, 30);
    try (ChainObjective f = objective(data, 0.2, 1)) {
      Lbfgs.Result result =
          new Lbfgs(6, 500, 1e-5, 10, 0).minimize(f, new double[f.dimension()]);
      assertThat(result.stop()).isEqualTo(Lbfgs.Stop.GRADIENT);
      double[] g = new double[f.dimension()];
      f.valueAndGradient(result.x(), g);
      double norm = 0;
      for (double v : g) {
        norm += v * v;
      }
      assertThat(Math.sqrt(norm)).isLessThanOrEqualTo(1e-5 * Math.max(1, norm(result.x())));
    }
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
