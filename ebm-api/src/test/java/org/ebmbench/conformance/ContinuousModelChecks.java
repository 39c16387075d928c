package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ExactPartition;
import org.ebmbench.model.ScoreMatchable;
import org.ebmbench.random.RandomStream;

/**
 * Finite-difference checks shared by the contracts of continuous models: every analytic derivative
 * a continuous model gives (in x and in Theta) against central differences of the quantity it
 * differentiates. Each check compares |analytic - numeric| <= tolerance * max(1, |analytic|).
 */
final class ContinuousModelChecks {
  private ContinuousModelChecks() {}

  /** {@code rows} x {@code dimension} points, normal with the given scale, from a fixed seed. */
  static Mat points(Ops ops, int rows, int dimension, double scale, long seed) {
    RandomStream stream = RandomStream.of(seed);
    double[] x = new double[rows * dimension];
    for (int i = 0; i < x.length; i++) {
      x[i] = scale * stream.nextGaussian();
    }
    return ops.fromHost(rows, dimension, x);
  }

  /** Writes {@code theta} into the model's live parameters (any model; used by every contract). */
  static void setParameters(EnergyModel model, double[] theta) {
    Ops ops = model.ops();
    ops.copy(ops.fromHost(theta.length, 1, theta), model.parameters());
  }

  /**
   * gradientX against central differences of f, step h max(1, |x|); error O(h^2 f''') plus O(eps
   * |f| / h), both within {@link Tolerances#finiteDifference()} for |f| up to ~10^2.
   */
  static void assertGradientXMatchesDifferences(
      ScoreMatchable model, Mat x, Tolerances tolerances) {
    Ops ops = model.ops();
    int n = x.rows();
    int d = x.cols();
    Mat gradient = ops.zeros(n, d);
    model.gradientX(x, gradient);
    double[] analytic = ops.toHost(gradient);
    double[] points = ops.toHost(x);
    for (int k = 0; k < d; k++) {
      double[] numeric = centralDifferenceInX(model, points, n, d, k, tolerances, false);
      for (int r = 0; r < n; r++) {
        double expected = analytic[r * d + k];
        assertThat(numeric[r])
            .as("df/dx_%d at row %d of %s", k, r, model.describe())
            .isCloseTo(
                expected, within(tolerances.finiteDifference() * Math.max(1, Math.abs(expected))));
      }
    }
  }

  /**
   * laplacianX against the divergence of gradientX by central differences (gradientX being checked
   * separately); same error budget as {@link #assertGradientXMatchesDifferences}.
   */
  static void assertLaplacianXMatchesDifferences(
      ScoreMatchable model, Mat x, Tolerances tolerances) {
    Ops ops = model.ops();
    int n = x.rows();
    int d = x.cols();
    Mat laplacian = ops.zeros(n, 1);
    model.laplacianX(x, laplacian);
    double[] analytic = ops.toHost(laplacian);
    double[] points = ops.toHost(x);
    double[] divergence = new double[n];
    for (int k = 0; k < d; k++) {
      double[] numeric = centralDifferenceInX(model, points, n, d, k, tolerances, true);
      for (int r = 0; r < n; r++) {
        divergence[r] += numeric[r];
      }
    }
    for (int r = 0; r < n; r++) {
      assertThat(divergence[r])
          .as("Laplacian at row %d of %s", r, model.describe())
          .isCloseTo(
              analytic[r],
              within(tolerances.finiteDifference() * Math.max(1, Math.abs(analytic[r]))));
    }
  }

  /** Central differences along x_k of f (or, with {@code ofGradient}, of df/dx_k) at each row. */
  private static double[] centralDifferenceInX(
      ScoreMatchable model,
      double[] points,
      int n,
      int d,
      int k,
      Tolerances tolerances,
      boolean ofGradient) {
    Ops ops = model.ops();
    double[] plus = points.clone();
    double[] minus = points.clone();
    double[] step = new double[n];
    for (int r = 0; r < n; r++) {
      step[r] = tolerances.finiteDifferenceStep() * Math.max(1, Math.abs(points[r * d + k]));
      plus[r * d + k] += step[r];
      minus[r * d + k] -= step[r];
    }
    double[] up = evaluateInX(model, ops.fromHost(n, d, plus), k, ofGradient);
    double[] down = evaluateInX(model, ops.fromHost(n, d, minus), k, ofGradient);
    double[] numeric = new double[n];
    for (int r = 0; r < n; r++) {
      numeric[r] = (up[r] - down[r]) / (2 * step[r]);
    }
    return numeric;
  }

  private static double[] evaluateInX(ScoreMatchable model, Mat x, int k, boolean ofGradient) {
    Ops ops = model.ops();
    int n = x.rows();
    if (!ofGradient) {
      Mat f = ops.zeros(n, 1);
      model.logDensityUnnormalized(x, f);
      return ops.toHost(f);
    }
    Mat gradient = ops.zeros(n, x.cols());
    model.gradientX(x, gradient);
    Mat column = ops.zeros(n, 1);
    ops.getColumns(gradient, k, column);
    return ops.toHost(column);
  }

  /**
   * meanParameterGradient against central differences of the batch mean of f in Theta. f is linear
   * in Theta, so only cancellation O(eps |f| / h) remains.
   */
  static void assertMeanParameterGradientMatchesDifferences(
      EnergyModel model, Mat x, Tolerances tolerances) {
    Ops ops = model.ops();
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(x, gradient);
    Mat f = ops.zeros(x.rows(), 1);
    assertParameterGradient(
        model,
        ops.toHost(gradient),
        tolerances.finiteDifferenceStep(),
        tolerances,
        m -> {
          m.logDensityUnnormalized(x, f);
          return ops.sum(f) / x.rows();
        },
        "mean f");
  }

  /**
   * The Theta-gradient of scoreMatchingObjective against central differences of the objective
   * itself. J is quadratic in Theta, so central differences are exact up to cancellation.
   */
  static void assertScoreMatchingGradientMatchesDifferences(
      ScoreMatchable model, Mat x, Tolerances tolerances) {
    Ops ops = model.ops();
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    model.scoreMatchingObjective(x, gradient);
    Mat scratch = ops.zeros(model.parameterCount(), 1);
    assertParameterGradient(
        model,
        ops.toHost(gradient),
        tolerances.finiteDifferenceStep(),
        tolerances,
        m -> ((ScoreMatchable) m).scoreMatchingObjective(x, scratch),
        "score-matching objective");
  }

  /**
   * expectedParameterGradient against the gradient of logPartition by the five-point stencil
   * (f(-2h) - 8 f(-h) + 8 f(h) - f(2h)) / 12h: truncation h^4 |kappa_5| / 30 (kappa_5 the fifth
   * cumulant of T_j) and noise 1.5 delta / h for log Z computed to delta. The caller picks h and
   * the tolerance from its model's delta.
   */
  static <M extends ExactPartition> void assertExpectedStatisticsMatchLogPartitionGradient(
      M model, double step, double tolerance) {
    Ops ops = model.ops();
    Mat expected = ops.zeros(model.parameterCount(), 1);
    model.expectedParameterGradient(expected);
    double[] analytic = ops.toHost(expected);
    double[] theta = ops.toHost(model.parameters());
    for (int j = 0; j < theta.length; j++) {
      double h = step * Math.max(1, Math.abs(theta[j]));
      double[] values = new double[4];
      double[] offsets = {-2, -1, 1, 2};
      for (int s = 0; s < 4; s++) {
        double[] moved = theta.clone();
        moved[j] += offsets[s] * h;
        setParameters(model, moved);
        values[s] = model.logPartition();
      }
      double numeric = (values[0] - 8 * values[1] + 8 * values[2] - values[3]) / (12 * h);
      assertThat(numeric)
          .as("d log Z / d theta_%d of %s", j, model.describe())
          .isCloseTo(analytic[j], within(tolerance * Math.max(1, Math.abs(analytic[j]))));
    }
    setParameters(model, theta);
  }

  /**
   * {@code analytic} against central differences of {@code value} in each parameter, step {@code
   * step} max(1, |theta_j|), to {@link Tolerances#finiteDifference()} relative to max(1, |analytic|).
   */
  static void assertParameterGradient(
      EnergyModel model,
      double[] analytic,
      double step,
      Tolerances tolerances,
      ToDoubleFunction<EnergyModel> value,
      String what) {
    double[] theta = model.ops().toHost(model.parameters());
    for (int j = 0; j < theta.length; j++) {
      double h = step * Math.max(1, Math.abs(theta[j]));
      double[] moved = theta.clone();
      moved[j] = theta[j] + h;
      setParameters(model, moved);
      double up = value.applyAsDouble(model);
      moved[j] = theta[j] - h;
      setParameters(model, moved);
      double down = value.applyAsDouble(model);
      double numeric = (up - down) / (2 * h);
      assertThat(numeric)
          .as("d(%s)/d theta_%d of %s", what, j, model.describe())
          .isCloseTo(
              analytic[j],
              within(tolerances.finiteDifference() * Math.max(1, Math.abs(analytic[j]))));
    }
    setParameters(model, theta);
  }
}
