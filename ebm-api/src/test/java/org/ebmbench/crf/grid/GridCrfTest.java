package org.ebmbench.crf.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.ebmbench.conformance.Tolerances;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The grid CRF: exact log Z by enumeration against a transfer matrix, the exact (4x4, by
 * enumeration) and pseudo-likelihood gradients by finite differences, Gibbs by chi-square, mean-field limits, CD
 * towards the exact gradient, and denoising that beats thresholding.
 */
class GridCrfTest {
  /** Significance of the chi-square tests, at fixed seeds. */
  private static final double ALPHA = 1e-3;

  private static double[] observations(int sites, long seed) {
    RandomStream random = RandomStream.of(seed);
    double[] x = new double[sites];
    for (int i = 0; i < sites; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  @Test
  void enumeratedLogPartitionMatchesTheTransferMatrix() {
    double[][] shapes = {{4, 4}, {3, 5}, {1, 6}};
    for (double[] shape : shapes) {
      int h = (int) shape[0];
      int w = (int) shape[1];
      double[] x = observations(h * w, 51);
      GridCrf model = GridCrf.of(h, w, 0.3, 1.2, 0.7);
      double expected = GridTransferMatrix.logPartition(h, w, 0.3, 1.2, 0.7, x);
      // Sums of 2^16 positive terms in double: round-off relative to |log Z| (about 20 here).
      assertThat(new GridEnumeration(model, x).logPartition())
          .as("%d x %d", h, w)
          .isCloseTo(expected, within(Tolerances.DOUBLE.roundOff() * Math.abs(expected)));
    }
  }

  private static List<LabeledGrid> smallImages(GridCrf truth, long seed, int count) {
    return ShapeImages.drawnFrom(truth, count, 0.8, RandomStream.of(seed));
  }

  private static double logLikelihood(double[] w, List<LabeledGrid> data) {
    GridCrf model = new GridCrf(4, 4, w);
    double total = 0;
    for (LabeledGrid g : data) {
      total += new GridEnumeration(model, g.x()).logProbability(g.y());
    }
    return total;
  }

  private static double pseudoLikelihood(double[] w, List<LabeledGrid> data) {
    GridCrf model = new GridCrf(4, 4, w);
    double total = 0;
    for (LabeledGrid g : data) {
      total += GridPseudoLikelihood.value(model, g);
    }
    return total;
  }

  private interface Objective {
    double value(double[] w, List<LabeledGrid> data);
  }

  private static void assertGradient(
      GridGradientEstimator estimator, Objective objective, double[] w, List<LabeledGrid> data) {
    double[] gradient = new double[3];
    int[] rows = IntStream.range(0, data.size()).toArray();
    estimator.addGradient(new GridCrf(4, 4, w), data, rows, gradient);
    Tolerances tol = Tolerances.DOUBLE;
    double scale = Math.max(1, Math.abs(objective.value(w, data)));
    for (int k = 0; k < 3; k++) {
      double h = tol.finiteDifferenceStep();
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[k] += h;
      minus[k] -= h;
      double difference = (objective.value(plus, data) - objective.value(minus, data)) / (2 * h);
      // Central difference: truncation O(h^2) and cancellation eps |F| / h, scaled by |F|.
      assertThat(gradient[k])
          .as("%s coordinate %d", estimator.name(), k)
          .isCloseTo(difference, within(tol.finiteDifference() * scale));
    }
  }

  @Test
  void exactGradientMatchesFiniteDifferences() {
    GridCrf truth = GridCrf.of(4, 4, 0.2, 1.0, 0.5);
    List<LabeledGrid> data = smallImages(truth, 52, 3);
    assertGradient(
        GridGradientEstimator.exact(), GridCrfTest::logLikelihood, new double[] {-0.3, 0.6, 0.2},
        data);
  }

  @Test
  void pseudoLikelihoodGradientMatchesFiniteDifferences() {
    GridCrf truth = GridCrf.of(4, 4, 0.2, 1.0, 0.5);
    List<LabeledGrid> data = smallImages(truth, 53, 3);
    assertGradient(
        GridGradientEstimator.pseudoLikelihood(), GridCrfTest::pseudoLikelihood,
        new double[] {-0.3, 0.6, 0.2}, data);
  }

  @Test
  void pseudoLikelihoodIsTheSumOfEnumeratedConditionals() {
    GridCrf model = GridCrf.of(3, 3, 0.4, 0.9, -0.6);
    LabeledGrid image = smallImages(model, 54, 1).get(0);
    double expected = 0;
    for (int i = 0; i < 9; i++) {
      int[] y = image.y().clone();
      y[i] = 1;
      double up = model.score(image.x(), y);
      y[i] = -1;
      double down = model.score(image.x(), y);
      double own = image.y()[i] == 1 ? up : down;
      double max = Math.max(up, down);
      expected += own - max - Math.log(Math.exp(up - max) + Math.exp(down - max));
    }
    assertThat(GridPseudoLikelihood.value(model, image))
        .isCloseTo(expected, within(Tolerances.DOUBLE.roundOff() * 10));
  }

  @Test
  void gibbsSamplesTheConditional() {
    GridCrf model = GridCrf.of(2, 3, 0.2, 0.8, 0.6);
    double[] x = observations(6, 55);
    GridEnumeration exact = new GridEnumeration(model, x);
    RandomStream random = RandomStream.of(56);
    long[] counts = new long[64];
    // Independent chains from all -1, 20 sweeps each (far past mixing on 6 sites).
    for (int n = 0; n < 20000; n++) {
      int[] y = {-1, -1, -1, -1, -1, -1};
      GridGibbs.run(model, x, y, 20, random);
      counts[GridEnumeration.encode(y)]++;
    }
    double[] p = new double[64];
    int[] y = new int[6];
    for (int c = 0; c < 64; c++) {
      GridEnumeration.decode(c, y);
      p[c] = Math.exp(exact.logProbability(y));
    }
    assertThat(ChiSquareTest.withDefaults().test(p, counts).getPValue()).isGreaterThan(ALPHA);
    // And the test can fail: one sweep from all -1 has not mixed.
    long[] unmixed = new long[64];
    for (int n = 0; n < 20000; n++) {
      int[] start = {-1, -1, -1, -1, -1, -1};
      GridGibbs.run(GridCrf.of(2, 3, 0.2, 0.8, 2.0), x, start, 1, random);
      unmixed[GridEnumeration.encode(start)]++;
    }
    assertThat(ChiSquareTest.withDefaults().test(p, unmixed).getPValue()).isLessThan(ALPHA);
  }

  @Test
  void enumeratedSamplesFollowTheConditional() {
    GridCrf model = GridCrf.of(2, 2, -0.2, 1.1, 0.9);
    double[] x = observations(4, 57);
    GridEnumeration exact = new GridEnumeration(model, x);
    RandomStream random = RandomStream.of(58);
    long[] counts = new long[16];
    for (int n = 0; n < 20000; n++) {
      counts[GridEnumeration.encode(exact.sample(random))]++;
    }
    double[] p = new double[16];
    int[] y = new int[4];
    for (int c = 0; c < 16; c++) {
      GridEnumeration.decode(c, y);
      p[c] = Math.exp(exact.logProbability(y));
    }
    assertThat(ChiSquareTest.withDefaults().test(p, counts).getPValue()).isGreaterThan(ALPHA);
  }

  /** Without coupling the sites are independent and mean-field is exact: m_i = tanh(b + u x_i). */
  @Test
  void meanFieldIsExactWithoutCoupling() {
    GridCrf model = GridCrf.of(3, 3, 0.3, 0.7, 0);
    double[] x = observations(9, 59);
    double[] m = GridMeanField.magnetizations(model, x);
    GridEnumeration exact = new GridEnumeration(model, x);
    double[] expected = new double[3];
    exact.addExpectedFeatures(1, expected);
    double sum = 0;
    for (int i = 0; i < 9; i++) {
      assertThat(m[i]).isCloseTo(Math.tanh(0.3 + 0.7 * x[i]), within(1e-15));
      sum += m[i];
    }
    assertThat(sum).isCloseTo(expected[GridCrf.BIAS], within(1e-12));
  }

  /**
   * CD with many sweeps from the data tends to the exact gradient. Mean over 4000 estimates on
   * 3x3 images; tolerance 5 standard errors estimated from the draws.
   */
  @Test
  void contrastiveDivergenceTendsToTheExactGradient() {
    GridCrf model = GridCrf.of(3, 3, 0.1, 0.8, 0.4);
    List<LabeledGrid> data = smallImages(model, 60, 1);
    double[] exact = new double[3];
    GridGradientEstimator.exact().addGradient(model, data, new int[] {0}, exact);
    GridGradientEstimator cd = GridGradientEstimator.contrastiveDivergence(10, false, RandomStream.of(61));
    int n = 4000;
    double[] sum = new double[3];
    double[] squares = new double[3];
    for (int i = 0; i < n; i++) {
      double[] g = new double[3];
      cd.addGradient(model, data, new int[] {0}, g);
      for (int k = 0; k < 3; k++) {
        sum[k] += g[k];
        squares[k] += g[k] * g[k];
      }
    }
    for (int k = 0; k < 3; k++) {
      double mean = sum[k] / n;
      double se = Math.sqrt(Math.max(squares[k] / n - mean * mean, 0) / n);
      assertThat(mean).as("coordinate %d", k).isCloseTo(exact[k], within(5 * se));
    }
  }

  /**
   * Denoising with a sensible model (unary weight 2 / noise^2 is the Gaussian-noise likelihood
   * ratio, plus smoothness) beats thresholding x at 0 on noisy shapes.
   */
  @Test
  void meanFieldDenoisingBeatsThresholding() {
    List<LabeledGrid> images = ShapeImages.generate(16, 16, 10, 0.9, RandomStream.of(62));
    GridCrf model = GridCrf.of(16, 16, 0, 1 / (0.9 * 0.9), 0.8);
    GridCrf thresholding = GridCrf.of(16, 16, 0, 1, 0);
    double denoised = 0;
    double thresholded = 0;
    for (LabeledGrid image : images) {
      denoised += GridMeanField.pixelError(model, image);
      thresholded += GridMeanField.pixelError(thresholding, image);
    }
    // Thresholding errs where the noise exceeds 1: P(N > 1/0.9) = 0.13 of the pixels.
    assertThat(thresholded / images.size()).isBetween(0.09, 0.17);
    assertThat(denoised).isLessThan(0.5 * thresholded);
  }
}
