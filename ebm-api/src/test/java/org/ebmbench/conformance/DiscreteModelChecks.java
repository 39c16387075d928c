package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ExactPartition;

/**
 * Checks shared by the discrete model contracts: exact log Z and expectations against a brute-force
 * reference, and finite differences of the Theta-gradients. Central differences with step h = {@link Tolerances#finiteDifferenceStep()}
 * agree with an analytic derivative to {@link Tolerances#finiteDifference()} on quantities whose
 * natural scale is 1 (expectations of +-1 or 0/1 statistics, means of log densities of a few nats).
 */
final class DiscreteModelChecks {
  private DiscreteModelChecks() {}

  /**
   * log Z to {@link Tolerances#roundOff()} relative (absolute below 1) and E_P[dF/dTheta] to
   * round-off absolute (its entries are expectations of bounded statistics), against a reference
   * computed by plain loops over every state.
   */
  static void assertMatchesBruteForce(
      ExactPartition model, BruteForce reference, Tolerances tolerances) {
    assertRelative(tolerances, model.logPartition(), reference.logZ(), model.describe() + " log Z");
    double[] expected = reference.expectedStatistics();
    double[] actual = expectedParameterGradient(model);
    for (int k = 0; k < expected.length; k++) {
      assertThat(actual[k])
          .as("%s E[T_%d]", model.describe(), k)
          .isCloseTo(expected[k], within(tolerances.roundOff()));
    }
  }

  /** {@code actual} equals {@code expected} to round-off, relative (absolute below 1). */
  static void assertRelative(Tolerances tolerances, double actual, double expected, String what) {
    assertThat(actual)
        .as(what)
        .isCloseTo(expected, within(tolerances.roundOff() * Math.max(1.0, Math.abs(expected))));
  }

  /** Exact answers of a model computed by plain loops over every state. */
  interface BruteForce {
    double logZ();

    /** E[dF/dTheta] in the model's parameter order. */
    double[] expectedStatistics();
  }

  /** E_P[dF/dTheta] is the gradient of log Z. */
  static void assertExpectedGradientIsGradientOfLogZ(ExactPartition model, Tolerances tolerances) {
    double[] analytic = expectedParameterGradient(model);
    double[] numeric =
        centralDifferences(model, tolerances.finiteDifferenceStep(), model::logPartition);
    assertAgree(analytic, numeric, tolerances, model.describe() + " d log Z / d theta_%d");
  }

  /** The mean over the rows of {@code x} of dF/dTheta is the gradient of the mean of f(x). */
  static void assertMeanGradientIsGradientOfMeanLogDensity(
      EnergyModel model, Mat x, Tolerances tolerances) {
    Ops ops = model.ops();
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(x, gradient);
    Mat f = ops.zeros(x.rows(), 1);
    double[] numeric =
        centralDifferences(
            model,
            tolerances.finiteDifferenceStep(),
            () -> {
              model.logDensityUnnormalized(x, f);
              return ops.sum(f) / x.rows();
            });
    assertAgree(
        ops.toHost(gradient), numeric, tolerances, model.describe() + " d mean f / d theta_%d");
  }

  /** E_P[dF/dTheta] as a host array. */
  static double[] expectedParameterGradient(ExactPartition model) {
    Mat out = model.ops().zeros(model.parameterCount(), 1);
    model.expectedParameterGradient(out);
    return model.ops().toHost(out);
  }

  /** Central differences of {@code value} in each parameter; Theta is restored afterwards. */
  static double[] centralDifferences(EnergyModel model, double step, DoubleSupplier value) {
    double[] theta = model.ops().toHost(model.parameters());
    double[] numeric = new double[theta.length];
    for (int k = 0; k < theta.length; k++) {
      double[] shifted = theta.clone();
      shifted[k] = theta[k] + step;
      ContinuousModelChecks.setParameters(model, shifted);
      double up = value.getAsDouble();
      shifted[k] = theta[k] - step;
      ContinuousModelChecks.setParameters(model, shifted);
      double down = value.getAsDouble();
      numeric[k] = (up - down) / (2 * step);
    }
    ContinuousModelChecks.setParameters(model, theta);
    return numeric;
  }

  private static void assertAgree(
      double[] analytic, double[] numeric, Tolerances tolerances, String what) {
    for (int k = 0; k < analytic.length; k++) {
      assertThat(analytic[k])
          .as(what, k)
          .isCloseTo(numeric[k], within(tolerances.finiteDifference()));
    }
  }
}
