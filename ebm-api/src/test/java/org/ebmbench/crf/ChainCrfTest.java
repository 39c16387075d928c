package org.ebmbench.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebmbench.data.InvalidDataException;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Forward-backward and Viterbi against brute-force enumeration ({@link ChainBruteForce}) on chains
 * of length 1 to 7 with 4 labels.
 *
 * <p>Tolerance 1e-10 relative (the requirement): both sides are sums of at most 4^7
 * positive terms and log-sum-exps of O(10) terms, so their round-off is about 1e-16 times the
 * number of terms and the magnitude of the scores, several orders below 1e-10.
 */
class ChainCrfTest {
  private static final double RELATIVE = 1e-10;
  private static final int LABELS = 4;
  private static final int ATTRIBUTES = 6;

  @Test
  void logPartitionMarginalsAndViterbiMatchEnumeration() {
    RandomStream random = RandomStream.of(11);
    for (int length = 1; length <= 7; length++) {
      for (int trial = 0; trial < 3; trial++) {
        ChainCrf model = RandomChains.model(random, ATTRIBUTES, LABELS, 1.0);
        Sequence x = RandomChains.sequence(random, ATTRIBUTES, length);
        assertAgreesWithEnumeration(model, x);
      }
    }
  }

  /**
   * Weights of order 1000 make exp(f) overflow and the shifted fast path underflow; the log-space
   * recursions with their exact fallback must still match the (log-space) enumeration.
   */
  @Test
  void largeWeightsStayExactInLogSpace() {
    RandomStream random = RandomStream.of(12);
    for (int length = 1; length <= 7; length++) {
      ChainCrf model = RandomChains.model(random, ATTRIBUTES, LABELS, 1000.0);
      Sequence x = RandomChains.sequence(random, ATTRIBUTES, length);
      ForwardBackward fb = model.forwardBackward(x);
      ChainBruteForce exact = new ChainBruteForce(model, x);
      assertThat(fb.logPartition())
          .isCloseTo(exact.logPartition, within(RELATIVE * Math.abs(exact.logPartition)));
      assertThat(model.viterbi(x)).containsExactly(exact.argmax);
      // A marginal is exp(alpha + beta - log Z): each of the T steps adds a few ulps of the
      // scores' magnitude (about |log Z|) to the exponent; 16 ulps per step bounds it.
      double tolerance = 16 * length * Math.ulp(Math.abs(exact.logPartition));
      for (int t = 0; t < length; t++) {
        double sum = 0;
        for (int y = 0; y < LABELS; y++) {
          assertThat(fb.nodeMarginal(t, y)).isBetween(0.0, 1.0 + tolerance);
          sum += fb.nodeMarginal(t, y);
        }
        assertThat(sum).isCloseTo(1.0, within(tolerance));
      }
    }
  }

  /**
   * Cases built so the shifted fast path underflows to exactly zero on the entry that dominates Z.
   * Forward: the first message is (0, -800) and transition column 0 is (-800, 0); after shifting
   * each by its maximum both products are exp(-800) = 0 in double, while the true entry is -800 +
   * log 2 and every path through label 1 scores -1e4. Backward: the mirror image (transposed
   * transitions, end instead of start).
   */
  @Test
  void fastPathUnderflowFallsBackToExactSum() {
    double[][] transitions = {{-800, -1e4}, {0, -1e4}};
    assertAgreesWithEnumeration(twoLabelModel(transitions, false), new Sequence(new int[2][0]));
    double[][] transposed = {{-800, 0}, {-1e4, -1e4}};
    assertAgreesWithEnumeration(twoLabelModel(transposed, true), new Sequence(new int[2][0]));
  }

  /** Two labels, no attributes; label 1 gets -800 at the start (or at the end). */
  private static ChainCrf twoLabelModel(double[][] transitions, boolean atEnd) {
    double[] w = new double[ChainCrf.parameterCount(0, 2)];
    ChainCrf shape = ChainCrf.of(0, 2, w);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        w[shape.transitionIndex(i, j)] = transitions[i][j];
      }
    }
    w[atEnd ? shape.endIndex(1) : shape.startIndex(1)] = -800;
    return ChainCrf.of(0, 2, w);
  }

  private static void assertAgreesWithEnumeration(ChainCrf model, Sequence x) {
    ForwardBackward fb = model.forwardBackward(x);
    ChainBruteForce exact = new ChainBruteForce(model, x);
    int labels = model.numLabels();
    assertThat(fb.logPartition())
        .isCloseTo(exact.logPartition, within(RELATIVE * Math.abs(exact.logPartition)));
    for (int t = 0; t < x.length(); t++) {
      for (int y = 0; y < labels; y++) {
        double expected = exact.nodeMarginals[t][y];
        assertThat(fb.nodeMarginal(t, y)).isCloseTo(expected, within(RELATIVE * expected));
      }
      for (int i = 0; t > 0 && i < labels; i++) {
        for (int j = 0; j < labels; j++) {
          double expected = exact.edgeMarginals[t][i][j];
          assertThat(fb.edgeMarginal(t, i, j)).isCloseTo(expected, within(RELATIVE * expected));
        }
      }
    }
    assertThat(model.viterbi(x)).containsExactly(exact.argmax);
  }

  /**
   * The expected counts the gradient uses equal the sums of the exact marginals, at ordinary
   * weights (factored transition counts) and at weights of order 300 (where the factored form's
   * shift exceeds its limit and positions take the direct exponentials). Each marginal carries
   * the exponent round-off bounded in {@link #largeWeightsStayExactInLogSpace} (16 T ulps of |log
   * Z|), at most T = 7 of them are summed per entry, and the factored form's underflow allowance
   * (1e-47) is far below that.
   */
  @Test
  void expectedCountsAreSumsOfMarginals() {
    RandomStream random = RandomStream.of(14);
    for (double scale : new double[] {1, 300}) {
      for (int trial = 0; trial < 5; trial++) {
        ChainCrf model = RandomChains.model(random, ATTRIBUTES, LABELS, scale);
        Sequence x = RandomChains.sequence(random, ATTRIBUTES, 7);
        ForwardBackward fb = model.forwardBackward(x);
        double[] counts = new double[model.weights().length];
        fb.addExpectedCounts(model, x, 1, counts);
        double tolerance =
            7 * 16 * x.length() * Math.ulp(Math.max(1, Math.abs(fb.logPartition())));
        double[] expected = new double[counts.length];
        for (int t = 0; t < x.length(); t++) {
          for (int y = 0; y < LABELS; y++) {
            for (int a : x.attributes(t)) {
              expected[model.emissionIndex(a, y)] += fb.nodeMarginal(t, y);
            }
            for (int from = 0; t > 0 && from < LABELS; from++) {
              expected[model.transitionIndex(from, y)] += fb.edgeMarginal(t, from, y);
            }
          }
        }
        for (int y = 0; y < LABELS; y++) {
          expected[model.startIndex(y)] += fb.nodeMarginal(0, y);
          expected[model.endIndex(y)] += fb.nodeMarginal(x.length() - 1, y);
        }
        for (int k = 0; k < counts.length; k++) {
          assertThat(counts[k])
              .as("scale %s entry %d", scale, k)
              .isCloseTo(expected[k], within(tolerance));
        }
      }
    }
  }

  @Test
  void logLikelihoodIsScoreMinusLogPartition() {
    RandomStream random = RandomStream.of(13);
    ChainCrf model = RandomChains.model(random, ATTRIBUTES, LABELS, 1.0);
    LabeledSequence s = RandomChains.labeled(random, ATTRIBUTES, LABELS, 5);
    ChainBruteForce exact = new ChainBruteForce(model, s.x());
    double expected = model.score(s.x(), s.y()) - exact.logPartition;
    assertThat(model.logLikelihood(s)).isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
  }

  @Test
  void rejectsAttributesAndLabelsOutsideTheModel() {
    ChainCrf model = ChainCrf.of(2, 3, new double[ChainCrf.parameterCount(2, 3)]);
    Sequence x = new Sequence(new int[][] {{0}, {2}});
    assertThatThrownBy(() -> model.forwardBackward(x))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("attribute id 2 at position 1");
    Sequence ok = new Sequence(new int[][] {{0}, {1}});
    assertThatThrownBy(() -> model.score(ok, new int[] {0, 3}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("label 3 at position 1");
    assertThatThrownBy(() -> new Sequence(new int[0][]))
        .isInstanceOf(InvalidDataException.class);
  }
}
