package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ebmbench.conformance.ContinuousModelChecks.setParameters;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.NotNormalizableException;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The multivariate Gaussian: closed forms, derivatives, exact sampling, score matching. */
public abstract class GaussianContract extends EngineContract {
  /** Per-test significance of the sampling tests (fixed seed, so each outcome is fixed). */
  private static final double ALPHA = 1e-3;

  private static final double[] MEAN_3D = {0.5, -1.0, 2.0};
  private static final double[][] COVARIANCE_3D = {
    {1.0, 0.3, -0.2},
    {0.3, 2.0, 0.5},
    {-0.2, 0.5, 0.8}
  };

  private GaussianModel correlated3d() {
    return GaussianModel.fromMeanAndCovariance(ops(), MEAN_3D, COVARIANCE_3D);
  }

  @Test
  void describesItself() {
    assertThat(correlated3d().describe()).isEqualTo("gaussian(d=3)");
    assertThat(correlated3d().parameterCount()).isEqualTo(9);
  }

  @Test
  void logPartitionMatchesTwoDimensionalQuadrature() {
    double[] eta = {0.7, -0.4};
    double[][] lambda = {{2.0, 0.6}, {0.6, 1.0}};
    GaussianModel model = GaussianModel.fromNatural(ops(), eta, lambda);
    double[] theta = model.parameterValues();
    double[] mu = model.mean();
    double[][] sigma = model.covariance();

    // Trapezoid rule on mu +- 12 sd: for a Gaussian its error is ~exp(-2 pi^2 sd^2 / h^2) with
    // h = sd / 20, and the cut tails hold ~1e-32: both far below round-off.
    int n = 480;
    double[] h = new double[2];
    double[] lo = new double[2];
    for (int i = 0; i < 2; i++) {
      double sd = Math.sqrt(sigma[i][i]);
      lo[i] = mu[i] - 12 * sd;
      h[i] = 24 * sd / n;
    }
    double peak = logDensity(theta, mu[0], mu[1]);
    double total = 0;
    for (int a = 0; a <= n; a++) {
      double row = 0;
      for (int b = 0; b <= n; b++) {
        double f = logDensity(theta, lo[0] + a * h[0], lo[1] + b * h[1]);
        row += (b == 0 || b == n ? 0.5 : 1.0) * Math.exp(f - peak);
      }
      total += (a == 0 || a == n ? 0.5 : 1.0) * row;
    }
    double quadrature = peak + Math.log(total * h[0] * h[1]);
    // Round-off of the model's closed form and of two nested sums of ~500 positive terms.
    assertThat(model.logPartition()).isCloseTo(quadrature, within(tolerances().roundOff()));
  }

  /** f(x) = eta . x - x^T Lambda x / 2 in 2-D, from the documented Theta layout. */
  private static double logDensity(double[] theta, double x1, double x2) {
    return theta[0] * x1
        + theta[1] * x2
        - 0.5 * theta[2] * x1 * x1
        - theta[3] * x1 * x2
        - 0.5 * theta[4] * x2 * x2;
  }

  @Test
  void diagonalLogPartitionIsSumOfOneDimensionalClosedForms() {
    double[] eta = {0.3, -1.2, 2.0};
    double[] precision = {0.5, 2.0, 4.0};
    double[][] lambda = new double[3][3];
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      lambda[i][i] = precision[i];
      // 1-D: integral of exp(eta x - p x^2 / 2) = sqrt(2 pi / p) exp(eta^2 / (2 p)).
      expected += 0.5 * Math.log(2 * Math.PI / precision[i]) + eta[i] * eta[i] / (2 * precision[i]);
    }
    GaussianModel model = GaussianModel.fromNatural(ops(), eta, lambda);
    assertThat(model.logPartition()).isCloseTo(expected, within(tolerances().roundOff()));
  }

  @Test
  void expectedStatisticsAreTheGradientOfLogPartition() {
    // log Z is a closed form accurate to round-off delta ~ 1e-15, so h = 1e-3 leaves noise
    // 1.5 delta / h ~ 1e-12 and truncation h^4 kappa_5 / 30 ~ 1e-12 kappa_5 (kappa_5 of the
    // quadratic statistics is O(sigma^10) ~ 10^2 here).
    ContinuousModelChecks.assertExpectedStatisticsMatchLogPartitionGradient(
        correlated3d(), 1e-3, tolerances().finiteDifference());
  }

  @Test
  void expectedStatisticsAreTheMoments() {
    GaussianModel model = correlated3d();
    Mat out = ops().zeros(model.parameterCount(), 1);
    model.expectedParameterGradient(out);
    double[] expected = ops().toHost(out);
    int column = 3;
    for (int i = 0; i < 3; i++) {
      assertThat(expected[i]).isCloseTo(MEAN_3D[i], within(tolerances().roundOff()));
      for (int j = i; j < 3; j++) {
        double second = COVARIANCE_3D[i][j] + MEAN_3D[i] * MEAN_3D[j];
        assertThat(expected[column++])
            .as("E[T] at pair (%d, %d)", i, j)
            .isCloseTo(i == j ? -second / 2 : -second, within(tolerances().roundOff() * 10));
      }
    }
  }

  @Test
  void derivativesInXMatchFiniteDifferences() {
    GaussianModel model = correlated3d();
    Mat x = ContinuousModelChecks.points(ops(), 6, 3, 1.5, 11);
    ContinuousModelChecks.assertGradientXMatchesDifferences(model, x, tolerances());
    ContinuousModelChecks.assertLaplacianXMatchesDifferences(model, x, tolerances());
  }

  @Test
  void parameterGradientsMatchFiniteDifferences() {
    GaussianModel model = correlated3d();
    Mat x = ContinuousModelChecks.points(ops(), 6, 3, 1.5, 12);
    ContinuousModelChecks.assertMeanParameterGradientMatchesDifferences(model, x, tolerances());
    ContinuousModelChecks.assertScoreMatchingGradientMatchesDifferences(model, x, tolerances());
  }

  @Test
  void exactSamplesHaveTheNormalMarginalsAndProjections() {
    GaussianModel model = correlated3d();
    int count = 4000;
    double[] x = ops().toHost(model.sampleExactly(count, RandomStream.derive(7, "gaussian")));
    KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
    for (int i = 0; i < 3; i++) {
      double[] marginal = new double[count];
      for (int s = 0; s < count; s++) {
        marginal[s] = x[s * 3 + i];
      }
      NormalDistribution normal = NormalDistribution.of(MEAN_3D[i], Math.sqrt(COVARIANCE_3D[i][i]));
      assertThat(ks.test(marginal, normal::cumulativeProbability).getPValue())
          .as("KS p-value of marginal %d", i)
          .isGreaterThan(ALPHA);
    }
    // v . x ~ N(v . mu, v^T Sigma v) checks the correlations too.
    double[] v = {1.0, -2.0, 0.5};
    double[] projection = new double[count];
    double mean = 0;
    double variance = 0;
    for (int i = 0; i < 3; i++) {
      mean += v[i] * MEAN_3D[i];
      for (int j = 0; j < 3; j++) {
        variance += v[i] * COVARIANCE_3D[i][j] * v[j];
      }
      for (int s = 0; s < count; s++) {
        projection[s] += v[i] * x[s * 3 + i];
      }
    }
    NormalDistribution normal = NormalDistribution.of(mean, Math.sqrt(variance));
    assertThat(ks.test(projection, normal::cumulativeProbability).getPValue())
        .as("KS p-value of the projection")
        .isGreaterThan(ALPHA);
  }

  /**
   * Hyvarinen's score-matching estimate of a Gaussian is Lambda = S^-1 (S the 1/N sample
   * covariance) and eta = Lambda xbar. The objective is quadratic in Theta, so its gradient is
   * affine, g(Theta) = A Theta + b: b = g(0), column j of A = g(e_j) - b, and the minimizer solves
   * A Theta = -b.
   */
  @Test
  void scoreMatchingMinimizerIsTheClosedForm() {
    int d = 3;
    int n = 500;
    Mat data = correlated3d().sampleExactly(n, RandomStream.derive(8, "data"));
    double[] x = ops().toHost(data);

    GaussianModel model = GaussianModel.fromParameters(ops(), d, new double[9]);
    int p = model.parameterCount();
    Mat gradient = ops().zeros(p, 1);
    model.scoreMatchingObjective(data, gradient);
    double[] b = ops().toHost(gradient);
    RealMatrix a = MatrixUtils.createRealMatrix(p, p);
    for (int j = 0; j < p; j++) {
      double[] unit = new double[p];
      unit[j] = 1;
      setParameters(model, unit);
      model.scoreMatchingObjective(data, gradient);
      double[] column = ops().toHost(gradient);
      for (int i = 0; i < p; i++) {
        a.setEntry(i, j, column[i] - b[i]);
      }
    }
    double[] minimizer =
        new LUDecomposition(a)
            .getSolver()
            .solve(MatrixUtils.createRealVector(b))
            .mapMultiply(-1)
            .toArray();

    double[] mean = new double[d];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        mean[i] += x[s * d + i] / n;
      }
    }
    RealMatrix covariance = MatrixUtils.createRealMatrix(d, d);
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          covariance.addToEntry(i, j, (x[s * d + i] - mean[i]) * (x[s * d + j] - mean[j]) / n);
        }
      }
    }
    RealMatrix lambda = new LUDecomposition(covariance).getSolver().getInverse();
    double[] eta = lambda.operate(mean);
    double[] closedForm = new double[p];
    int column = d;
    for (int i = 0; i < d; i++) {
      closedForm[i] = eta[i];
      for (int j = i; j < d; j++) {
        closedForm[column++] = 0.5 * (lambda.getEntry(i, j) + lambda.getEntry(j, i));
      }
    }

    // In double the issue asks for 1e-8 relative; a float engine's A and b carry its round-off
    // amplified by the condition number of A.
    double tolerance =
        ops().precision() == Precision.DOUBLE
            ? 1e-8
            : 10 * tolerances().roundOff() * new SingularValueDecomposition(a).getConditionNumber();
    double error = 0;
    double norm = 0;
    for (int i = 0; i < p; i++) {
      error += (minimizer[i] - closedForm[i]) * (minimizer[i] - closedForm[i]);
      norm += closedForm[i] * closedForm[i];
    }
    assertThat(Math.sqrt(error / norm)).isLessThanOrEqualTo(tolerance);
  }

  @Test
  void notPositiveDefiniteIsNotNormalizable() {
    GaussianModel model =
        GaussianModel.fromNatural(ops(), new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}});
    Mat out = ops().zeros(model.parameterCount(), 1);
    assertThatThrownBy(model::logPartition)
        .isInstanceOf(NotNormalizableException.class)
        .hasMessageContaining("gaussian(d=2)")
        .hasMessageContaining("not positive definite");
    assertThatThrownBy(() -> model.expectedParameterGradient(out))
        .isInstanceOf(NotNormalizableException.class);
    assertThatThrownBy(() -> model.sampleExactly(1, RandomStream.of(1)))
        .isInstanceOf(NotNormalizableException.class);
    // f and its derivatives stay defined.
    Mat f = ops().zeros(1, 1);
    model.logDensityUnnormalized(ops().fromHost(1, 2, new double[] {1, 1}), f);
    assertThat(ops().toHost(f)[0]).isCloseTo(-3.0, within(tolerances().roundOff()));
  }

  @Test
  void trainingIntoTheNonNormalizableRegionIsReported() {
    GaussianModel model = correlated3d();
    double[] theta = model.parameterValues();
    theta[3] = -1; // Lambda_11 < 0
    setParameters(model, theta);
    assertThatThrownBy(model::logPartition).isInstanceOf(NotNormalizableException.class);
  }

  @Test
  void closedFormsFollowWritesToTheParameters() {
    GaussianModel model = correlated3d();
    model.logPartition();
    double[] moved = model.parameterValues();
    moved[0] += 0.25;
    moved[4] -= 0.1;
    setParameters(model, moved);
    GaussianModel fresh = GaussianModel.fromParameters(ops(), 3, moved);
    assertThat(model.logPartition()).isEqualTo(fresh.logPartition());
    assertThat(model.mean()).containsExactly(fresh.mean());
  }

  @Test
  void factoriesRejectMalformedInput() {
    Ops ops = ops();
    assertThatThrownBy(
            () ->
                GaussianModel.fromNatural(
                    ops, new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda is not symmetric");
    assertThatThrownBy(
            () -> GaussianModel.fromNatural(ops, new double[] {0, 0}, new double[][] {{1, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda has 1 rows, expected 2");
    assertThatThrownBy(
            () -> GaussianModel.fromNatural(ops, new double[] {Double.NaN}, new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eta[0] = NaN");
    assertThatThrownBy(
            () ->
                GaussianModel.fromMeanAndCovariance(
                    ops, new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covariance is not positive definite");
    assertThatThrownBy(() -> GaussianModel.fromParameters(ops, 2, new double[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("theta has 4 entries, expected 5");
  }
}
