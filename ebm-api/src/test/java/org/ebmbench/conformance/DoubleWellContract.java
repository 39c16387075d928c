package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ebmbench.conformance.ContinuousModelChecks.setParameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.ebmbench.engine.Mat;
import org.ebmbench.model.DoubleWellModel;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.NotNormalizableException;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The double-well family: log Z and E[T] by the model's quadrature against independent rules
 * written here (trapezoid sums over wider boxes) and against closed forms, derivatives, exact
 * sampling, and normalizability.
 *
 * <p>Accuracy budget for the quadrature comparisons: the model stops when two successive rules
 * agree to {@link DoubleWellModel#QUADRATURE_TOLERANCE} (1e-12) and truncates at most {@link
 * DoubleWellModel#TAIL_SHARE} (1e-15) of the mass. The trapezoid references are exponentially
 * accurate for these entire integrands that vanish at the box edges: the error on a mode of width s
 * shrinks like exp(-2 pi^2 s^2 / h^2), negligible for s / h >= 8 as here; they sum at most ~2000
 * terms per level, ~1e-13 relative. So log Z, and E[T_j] relative to E|T_j|, must agree to 2 *
 * QUADRATURE_TOLERANCE. (Measured: within 1e-14 and 5e-13.)
 */
public abstract class DoubleWellContract extends EngineContract {
  /** Per-test significance of the sampling tests (fixed seed, so each outcome is fixed). */
  private static final double ALPHA = 1e-3;

  private static final double AGREEMENT = 2 * DoubleWellModel.QUADRATURE_TOLERANCE;

  /**
   * AGREEMENT, or the precision's round-off where that is larger: in float, storing each result
   * (relative error up to 6e-8) already exceeds the quadrature error.
   */
  private double agreement() {
    return Math.max(AGREEMENT, tolerances().roundOff());
  }

  private DoubleWellModel model(int dimension, double... theta) {
    return DoubleWellModel.fromParameters(ops(), dimension, theta);
  }

  private double[] expected(DoubleWellModel model) {
    Mat out = ops().zeros(model.parameterCount(), 1);
    model.expectedParameterGradient(out);
    return ops().toHost(out);
  }

  @Test
  void describesItself() {
    assertThat(DoubleWellModel.standard1d(ops()).describe()).isEqualTo("double-well(d=1)");
    assertThat(DoubleWellModel.standard2d(ops()).describe()).isEqualTo("double-well(d=2)");
    assertThat(DoubleWellModel.standard2d(ops()).parameterCount()).isEqualTo(7);
  }

  @Test
  void oneDimensionalIntegralsMatchATrapezoidRule() {
    for (DoubleWellModel model :
        List.of(
            DoubleWellModel.standard1d(ops()), model(1, -1.0, 0.5, -0.1), model(1, 0, 40, -25))) {
      assertMatchesTrapezoid(model, 8.0, 0.001);
    }
  }

  @Test
  void twoDimensionalIntegralsMatchATrapezoidRule() {
    assertMatchesTrapezoid(DoubleWellModel.standard2d(ops()), 4.0, 0.01);
    // One quartic axis and one Gaussian axis (c2 = 0): a different envelope and a wider box.
    assertMatchesTrapezoid(model(2, 0.3, -0.2, -1, -1, -0.5, 0, 0.5), 8.0, 0.01);
  }

  /**
   * Compares log Z and E[T] with a trapezoid rule on [-half, half]^d (wider than the model's box)
   * with step h, written from f(x) = Theta . T(x) with plain loops.
   */
  private void assertMatchesTrapezoid(DoubleWellModel model, double half, double h) {
    int d = model.dimension();
    double[] theta = model.parameterValues();
    int n = (int) Math.round(2 * half / h);
    int inner = d == 2 ? n : 0;
    double[] t = new double[theta.length];
    double[] sums = new double[theta.length];
    double[] absoluteSums = new double[theta.length];
    double[] rowSums = new double[theta.length];
    double[] rowAbsoluteSums = new double[theta.length];
    double mass = 0;
    double shift = Double.NEGATIVE_INFINITY;
    // Two passes: the first finds max f, the second sums exp(f - max f) (no overflow), by rows
    // so each sum has at most ~2000 terms per level.
    for (int pass = 0; pass < 2; pass++) {
      for (int a = 0; a <= n; a++) {
        double rowMass = 0;
        Arrays.fill(rowSums, 0);
        Arrays.fill(rowAbsoluteSums, 0);
        for (int b = 0; b <= inner; b++) {
          statistics(-half + a * h, -half + b * h, d, t);
          double f = 0;
          for (int j = 0; j < t.length; j++) {
            f += theta[j] * t[j];
          }
          if (pass == 0) {
            shift = Math.max(shift, f);
            continue;
          }
          double w =
              (a == 0 || a == n ? 0.5 : 1.0)
                  * (d == 2 && (b == 0 || b == n) ? 0.5 : 1.0)
                  * Math.exp(f - shift);
          rowMass += w;
          for (int j = 0; j < t.length; j++) {
            rowSums[j] += w * t[j];
            rowAbsoluteSums[j] += w * Math.abs(t[j]);
          }
        }
        mass += rowMass;
        for (int j = 0; j < t.length; j++) {
          sums[j] += rowSums[j];
          absoluteSums[j] += rowAbsoluteSums[j];
        }
      }
    }
    double logZ = shift + Math.log(mass * Math.pow(h, d));
    String name = Arrays.toString(theta);
    assertThat(model.logPartition()).as("log Z of %s", name).isCloseTo(logZ, within(agreement()));
    double[] expected = expected(model);
    for (int j = 0; j < theta.length; j++) {
      assertThat(expected[j])
          .as("E[T_%d] of %s", j, name)
          .isCloseTo(sums[j] / mass, within(agreement() * absoluteSums[j] / mass));
    }
  }

  /** T(x) in the documented layout, from its definition, into {@code t}; x2 unused in 1-D. */
  private static void statistics(double x1, double x2, int d, double[] t) {
    if (d == 1) {
      t[0] = x1;
      t[1] = x1 * x1;
      t[2] = x1 * x1 * x1 * x1;
      return;
    }
    t[0] = x1;
    t[1] = x2;
    t[2] = x1 * x1;
    t[3] = x2 * x2;
    t[4] = x1 * x1 * x1 * x1;
    t[5] = x2 * x2 * x2 * x2;
    t[6] = x1 * x2;
  }

  @Test
  void quadraticCaseMatchesTheGaussianClosedForm() {
    // f = a . x + b1 x1^2 + b2 x2^2 + g x1 x2 = eta . x - x^T Lambda x / 2 with Lambda_ii = -2 b_i,
    // Lambda_12 = -g.
    double a1 = 0.3;
    double a2 = -0.2;
    double b1 = -1.0;
    double b2 = -1.5;
    double g = 0.6;
    DoubleWellModel wells = model(2, a1, a2, b1, b2, 0, 0, g);
    GaussianModel gaussian =
        GaussianModel.fromNatural(
            ops(), new double[] {a1, a2}, new double[][] {{-2 * b1, -g}, {-g, -2 * b2}});
    assertThat(wells.logPartition()).isCloseTo(gaussian.logPartition(), within(agreement()));

    double[] mu = gaussian.mean();
    double[][] sigma = gaussian.covariance();
    double[] moments = expected(wells);
    for (int i = 0; i < 2; i++) {
      double m = mu[i];
      double v = sigma[i][i];
      double second = v + m * m;
      double fourth = m * m * m * m + 6 * m * m * v + 3 * v * v;
      // E|x| <= sqrt(E[x^2]) bounds the scale of E[x]'s check from above.
      assertThat(moments[i]).isCloseTo(m, within(agreement() * Math.sqrt(second)));
      assertThat(moments[2 + i]).isCloseTo(second, within(agreement() * second));
      assertThat(moments[4 + i]).isCloseTo(fourth, within(agreement() * fourth));
    }
    double cross = sigma[0][1] + mu[0] * mu[1];
    double crossScale = Math.sqrt((sigma[0][0] + mu[0] * mu[0]) * (sigma[1][1] + mu[1] * mu[1]));
    assertThat(moments[6]).isCloseTo(cross, within(agreement() * crossScale));
  }

  @Test
  void uncoupledTwoDimensionalIsTheProductOfOneDimensional() {
    DoubleWellModel pair = model(2, 0.5, -0.3, 4, 1, -2, -0.5, 0);
    DoubleWellModel first = model(1, 0.5, 4, -2);
    DoubleWellModel second = model(1, -0.3, 1, -0.5);
    assertThat(pair.logPartition())
        .isCloseTo(first.logPartition() + second.logPartition(), within(2 * agreement()));
    double[] joint = expected(pair);
    double[] one = expected(first);
    double[] two = expected(second);
    for (int power = 0; power < 3; power++) {
      assertThat(joint[2 * power])
          .isCloseTo(one[power], within(2 * agreement() * Math.max(1, Math.abs(one[power]))));
      assertThat(joint[2 * power + 1])
          .isCloseTo(two[power], within(2 * agreement() * Math.max(1, Math.abs(two[power]))));
    }
    assertThat(joint[6])
        .isCloseTo(one[0] * two[0], within(4 * agreement() * Math.max(1, Math.abs(joint[6]))));
  }

  @Test
  void expectedStatisticsAreTheGradientOfLogPartition() {
    // log Z carries quadrature error delta ~ QUADRATURE_TOLERANCE, so h = 1e-3 leaves noise
    // 1.5 delta / h ~ 1.5e-9; truncation h^4 |kappa_5| / 30 ~ 3e-14 |kappa_5| with kappa_5 of x^4
    // below ~10^3 for these models. Both are below the finite-difference tolerance.
    for (DoubleWellModel model :
        List.of(DoubleWellModel.standard1d(ops()), DoubleWellModel.standard2d(ops()))) {
      ContinuousModelChecks.assertExpectedStatisticsMatchLogPartitionGradient(
          model, 1e-3, tolerances().finiteDifference());
    }
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    for (DoubleWellModel model :
        List.of(DoubleWellModel.standard1d(ops()), DoubleWellModel.standard2d(ops()))) {
      Mat x = ContinuousModelChecks.points(ops(), 6, model.dimension(), 1.2, 21);
      ContinuousModelChecks.assertGradientXMatchesDifferences(model, x, tolerances());
      ContinuousModelChecks.assertLaplacianXMatchesDifferences(model, x, tolerances());
      ContinuousModelChecks.assertMeanParameterGradientMatchesDifferences(model, x, tolerances());
      ContinuousModelChecks.assertScoreMatchingGradientMatchesDifferences(model, x, tolerances());
    }
  }

  @Test
  void oneDimensionalSamplesFollowTheQuadratureCdf() {
    DoubleWellModel model = DoubleWellModel.standard1d(ops());
    double[] theta = model.parameterValues();
    // CDF by a cumulative trapezoid rule on [-4, 4] (exp(f) < e^-400 beyond) with step 1e-4 and
    // linear interpolation: error ~h^2 max|p'| ~ 1e-7, far below the KS resolution 1 / sqrt(N).
    // N = 10^5 gives the test power against envelope-shaped errors: accepting every proposal of
    // the sampler's piecewise-constant envelope is ~0.015 away in KS distance (rejected at
    // N >~ 2 10^4).
    double lo = -4;
    double h = 1e-4;
    int n = 80000;
    double[] cdf = new double[n + 1];
    double previous = Math.exp(theta[0] * lo + theta[1] * lo * lo + theta[2] * Math.pow(lo, 4));
    for (int k = 1; k <= n; k++) {
      double x = lo + k * h;
      double current = Math.exp(theta[0] * x + theta[1] * x * x + theta[2] * Math.pow(x, 4));
      cdf[k] = cdf[k - 1] + 0.5 * h * (previous + current);
      previous = current;
    }
    double total = cdf[n];
    double[] samples =
        ops().toHost(model.sampleExactly(100_000, RandomStream.derive(3, "double-well")));
    double p =
        KolmogorovSmirnovTest.withDefaults()
            .test(
                samples,
                x -> {
                  double position = Math.min(Math.max((x - lo) / h, 0), n);
                  int k = Math.min((int) position, n - 1);
                  double fraction = position - k;
                  return ((1 - fraction) * cdf[k] + fraction * cdf[k + 1]) / total;
                })
            .getPValue();
    assertThat(p).as("KS p-value").isGreaterThan(ALPHA);
  }

  @Test
  void gaussianAxisSamplesFollowTheNormalCdf() {
    // c = 0: f = 0.3 x - x^2 / 2, so x ~ N(0.3, 1); exercises the Gaussian envelope's box.
    DoubleWellModel model = model(1, 0.3, -0.5, 0);
    double[] samples =
        ops().toHost(model.sampleExactly(5000, RandomStream.derive(4, "double-well")));
    NormalDistribution normal = NormalDistribution.of(0.3, 1.0);
    assertThat(
            KolmogorovSmirnovTest.withDefaults()
                .test(samples, normal::cumulativeProbability)
                .getPValue())
        .as("KS p-value")
        .isGreaterThan(ALPHA);
  }

  @Test
  void twoDimensionalSamplesFollowTheQuadratureBinProbabilities() {
    DoubleWellModel model = DoubleWellModel.standard2d(ops());
    double[] theta = model.parameterValues();
    double[] edges = {-1.5, -1, -0.5, 0, 0.5, 1, 1.5}; // 8 x 8 bins, the outer ones unbounded
    int bins = edges.length + 1;

    // Bin probabilities by the midpoint rule on cells of 0.005 aligned with the edges over
    // [-4, 4]^2 (exp(f) < e^-400 outside): error ~h^2 / 24 |f''| ~ 1e-4 relative per bin, far
    // below the chi-square resolution of 1 / sqrt(expected count), ~1% per bin at N = 10^5.
    double h = 0.005;
    int n = 1600;
    double[] mass = new double[bins * bins];
    for (int a = 0; a < n; a++) {
      double x1 = -4 + (a + 0.5) * h;
      for (int b = 0; b < n; b++) {
        double x2 = -4 + (b + 0.5) * h;
        double f =
            theta[0] * x1
                + theta[1] * x2
                + theta[2] * x1 * x1
                + theta[3] * x2 * x2
                + theta[4] * Math.pow(x1, 4)
                + theta[5] * Math.pow(x2, 4)
                + theta[6] * x1 * x2;
        mass[bin(edges, x1) * bins + bin(edges, x2)] += Math.exp(f);
      }
    }
    double total = Arrays.stream(mass).sum();

    int count = 100_000;
    double[] x = ops().toHost(model.sampleExactly(count, RandomStream.derive(5, "double-well")));
    long[] observed = new long[bins * bins];
    for (int s = 0; s < count; s++) {
      observed[bin(edges, x[2 * s]) * bins + bin(edges, x[2 * s + 1])]++;
    }
    // Bins expecting fewer than 5 draws are pooled so the chi-square approximation holds.
    List<Double> expectedCounts = new ArrayList<>();
    List<Long> observedCounts = new ArrayList<>();
    double pooledExpected = 0;
    long pooledObserved = 0;
    for (int k = 0; k < mass.length; k++) {
      double e = count * mass[k] / total;
      if (e >= 5) {
        expectedCounts.add(e);
        observedCounts.add(observed[k]);
      } else {
        pooledExpected += e;
        pooledObserved += observed[k];
      }
    }
    expectedCounts.add(pooledExpected);
    observedCounts.add(pooledObserved);
    assertThat(expectedCounts.size()).isGreaterThan(30);
    double p =
        ChiSquareTest.withDefaults()
            .test(
                expectedCounts.stream().mapToDouble(Double::doubleValue).toArray(),
                observedCounts.stream().mapToLong(Long::longValue).toArray())
            .getPValue();
    assertThat(p).as("chi-square p-value").isGreaterThan(ALPHA);
  }

  private static int bin(double[] edges, double x) {
    int k = 0;
    while (k < edges.length && x >= edges[k]) {
      k++;
    }
    return k;
  }

  @Test
  void nonIntegrableParametersAreReported() {
    assertThatThrownBy(() -> model(1, 0, 1, 0.5).logPartition())
        .isInstanceOf(NotNormalizableException.class)
        .hasMessageContaining("double-well(d=1) is not normalizable")
        .hasMessageContaining("quartic coefficient of x1 is 0.5 > 0");
    assertThatThrownBy(() -> model(1, 0, 0.5, 0).logPartition())
        .isInstanceOf(NotNormalizableException.class)
        .hasMessageContaining("quadratic coefficient is 0.5 >= 0");
    // Both quartic terms 0 and g^2 = 4 > 4 b1 b2 = 3: the quadratic form is indefinite.
    DoubleWellModel indefinite = model(2, 0, 0, -1, -0.75, 0, 0, 2);
    assertThatThrownBy(indefinite::logPartition)
        .isInstanceOf(NotNormalizableException.class)
        .hasMessageContaining("double-well(d=2)")
        .hasMessageContaining("not negative definite");
    Mat out = ops().zeros(7, 1);
    assertThatThrownBy(() -> indefinite.expectedParameterGradient(out))
        .isInstanceOf(NotNormalizableException.class);
    assertThatThrownBy(() -> indefinite.sampleExactly(1, RandomStream.of(1)))
        .isInstanceOf(NotNormalizableException.class);
    // Strong coupling is fine as long as both quartic terms are negative.
    assertThat(model(2, 0, 0, 1, 1, -0.1, -0.1, 5).logPartition()).isFinite();
  }

  @Test
  void integralsFollowWritesToTheParameters() {
    DoubleWellModel model = DoubleWellModel.standard2d(ops());
    model.logPartition();
    double[] moved = model.parameterValues();
    moved[6] = -0.4;
    setParameters(model, moved);
    DoubleWellModel fresh = DoubleWellModel.fromParameters(ops(), 2, moved);
    assertThat(model.logPartition()).isEqualTo(fresh.logPartition());
    assertThat(expected(model)).containsExactly(expected(fresh));
  }

  @Test
  void factoryRejectsMalformedInput() {
    assertThatThrownBy(() -> DoubleWellModel.fromParameters(ops(), 3, new double[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension must be 1 or 2, got 3");
    assertThatThrownBy(() -> DoubleWellModel.fromParameters(ops(), 2, new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("theta has 3 entries, expected 7");
    assertThatThrownBy(
            () ->
                DoubleWellModel.fromParameters(
                    ops(), 1, new double[] {0, Double.POSITIVE_INFINITY, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("theta[1] = Infinity");
  }
}
