package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.metric.ExactKl;
import org.ebmbench.metric.FisherDivergence;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.ParameterError;
import org.ebmbench.metric.ReconstructionError;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.GaussianBernoulliRbm;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.IsingModel;
import org.ebmbench.model.NotNormalizableException;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The metrics against brute-force enumeration and closed forms. */
public abstract class MetricContract extends EngineContract {
  private static final long SEED = 20260303L;

  private IsingModel randomIsing(int n, String purpose) {
    return IsingModel.random(ops(), n, 1.0, 0.5, RandomStream.derive(SEED, purpose));
  }

  private static IsingBruteForce bruteForce(IsingModel model) {
    return new IsingBruteForce(model.fieldValues(), model.couplingValues());
  }

  // ---- exact KL --------------------------------------------------------------------------------

  @Test
  void klOfAModelWithItselfIsZero() {
    IsingModel p = randomIsing(5, "p");
    // The same parameters give the same log Z and E[T] bits, so only the cancellation of
    // -log Z + log Z remains: zero up to round-off.
    assertThat(ExactKl.divergence(p, p.copy())).isCloseTo(0.0, offset(tolerances().roundOff()));
  }

  @Test
  void isingKlEqualsBruteForceEnumeration() {
    IsingModel p = randomIsing(5, "p");
    IsingModel q = randomIsing(5, "q");
    IsingBruteForce bp = bruteForce(p);
    IsingBruteForce bq = bruteForce(q);
    double[] probabilities = bp.probabilities();
    double forward = 0.0;
    double reverse = 0.0;
    double[] qProbabilities = bq.probabilities();
    for (int s = 0; s < probabilities.length; s++) {
      double[] x = IsingBruteForce.spins(s, 5);
      double logP = bp.logDensity(x) - bp.logZ();
      double logQ = bq.logDensity(x) - bq.logZ();
      forward += probabilities[s] * (logP - logQ);
      reverse += qProbabilities[s] * (logQ - logP);
    }
    // Sums of 32 terms of order one: round-off, relative to the O(1) terms.
    assertThat(forward).isGreaterThan(0.01);
    assertThat(ExactKl.divergence(p, q)).isCloseTo(forward, offset(tolerances().roundOff()));
    assertThat(ExactKl.divergence(q, p)).isCloseTo(reverse, offset(tolerances().roundOff()));
    // The metric's two directions: truth first, or the model first.
    assertThat(ExactKl.fromTruth(p).evaluate(q).value())
        .isCloseTo(forward, offset(tolerances().roundOff()));
    assertThat(ExactKl.toTruth(p).evaluate(q).value())
        .isCloseTo(reverse, offset(tolerances().roundOff()));
    assertThat(ExactKl.fromTruth(p).name()).isEqualTo("klTrueToModel");
    assertThat(ExactKl.toTruth(p).name()).isEqualTo("klModelToTrue");
    assertThat(ExactKl.fromTruth(p).evaluate(q).hasStandardError()).isFalse();
  }

  @Test
  void gaussianKlEqualsTheClosedForm() {
    double[] mean0 = {0.3, -1.0};
    double[][] cov0 = {{1.0, 0.4}, {0.4, 0.7}};
    double[] mean1 = {-0.2, 0.5};
    double[][] cov1 = {{2.0, -0.3}, {-0.3, 0.5}};
    GaussianModel p = GaussianModel.fromMeanAndCovariance(ops(), mean0, cov0);
    GaussianModel q = GaussianModel.fromMeanAndCovariance(ops(), mean1, cov1);
    // KL(N0 || N1) = (tr(S1^-1 S0) + (m1 - m0)^T S1^-1 (m1 - m0) - d + ln(det S1 / det S0)) / 2
    RealMatrix s0 = MatrixUtils.createRealMatrix(cov0);
    RealMatrix s1 = MatrixUtils.createRealMatrix(cov1);
    RealMatrix s1Inverse = new LUDecomposition(s1).getSolver().getInverse();
    RealVector dm =
        MatrixUtils.createRealVector(mean1).subtract(MatrixUtils.createRealVector(mean0));
    double closedForm =
        0.5
            * (s1Inverse.multiply(s0).getTrace()
                + dm.dotProduct(s1Inverse.operate(dm))
                - 2
                + Math.log(
                    new LUDecomposition(s1).getDeterminant()
                        / new LUDecomposition(s0).getDeterminant()));
    // Both sides are O(1) sums of O(1) terms (log Z ~ 2, the condition numbers of the
    // covariances are < 10): round-off.
    assertThat(ExactKl.divergence(p, q)).isCloseTo(closedForm, offset(tolerances().roundOff()));
  }

  @Test
  void klRejectsModelsOfDifferentShapeOrFamily() {
    IsingModel three = randomIsing(3, "three");
    IsingModel four = randomIsing(4, "four");
    GaussianModel gaussian =
        GaussianModel.fromMeanAndCovariance(ops(), new double[] {0.0}, new double[][] {{1.0}});
    assertThatThrownBy(() -> ExactKl.divergence(three, four))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ising(n=3)")
        .hasMessageContaining("ising(n=4)");
    assertThatThrownBy(() -> ExactKl.divergence(three, gaussian))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gaussian(d=1)");
  }

  @Test
  void aNonNormalizableModelFailsTheMetricInsteadOfGivingANumber() {
    GaussianModel truth =
        GaussianModel.fromMeanAndCovariance(ops(), new double[] {0.0}, new double[][] {{1.0}});
    GaussianModel improper =
        GaussianModel.fromNatural(ops(), new double[] {0.0}, new double[][] {{-1.0}});
    assertThatThrownBy(() -> ExactKl.fromTruth(truth).evaluate(improper))
        .isInstanceOf(NotNormalizableException.class);
    Mat data = ops().fromHost(2, 1, new double[] {0.5, -0.5});
    assertThatThrownBy(() -> new HeldOutLogLikelihood(data).evaluate(improper))
        .isInstanceOf(NotNormalizableException.class);
  }

  // ---- held-out log-likelihood and parameter error ---------------------------------------------

  @Test
  void heldOutLogLikelihoodEqualsBruteForce() {
    IsingModel model = randomIsing(5, "model");
    IsingBruteForce brute = bruteForce(model);
    double[] spins = {1, -1, 1, 1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, 1};
    double expected = 0.0;
    for (int r = 0; r < 3; r++) {
      expected +=
          (brute.logDensity(java.util.Arrays.copyOfRange(spins, r * 5, r * 5 + 5)) - brute.logZ())
              / 3;
    }
    Mat data = ops().fromHost(3, 5, spins);
    HeldOutLogLikelihood metric = new HeldOutLogLikelihood(data);
    assertThat(metric.evaluate(model).value()).isCloseTo(expected, offset(tolerances().roundOff()));
    assertThat(metric.name()).isEqualTo("heldOutLogLikelihood");
    assertThatThrownBy(() -> metric.evaluate(randomIsing(4, "narrow")))
        .hasMessageContaining("3 x 5")
        .hasMessageContaining("ising(n=4)");
  }

  @Test
  void parameterErrorIsTheRelativeDistance() {
    Ops ops = ops();
    double[] h = {3.0, 0.0};
    double[][] j = {{0.0, 4.0}, {4.0, 0.0}};
    IsingModel truth = IsingModel.of(ops, h, j);
    IsingModel model =
        IsingModel.of(ops, new double[] {3.0, 1.0}, new double[][] {{0.0, 2.0}, {2.0, 0.0}});
    // |(0, 1, -2)| / |(3, 0, 4)| = sqrt(5) / 5
    assertThat(ParameterError.toTruth(truth).evaluate(model).value())
        .isCloseTo(Math.sqrt(5.0) / 5.0, offset(tolerances().roundOff()));
    assertThat(ParameterError.toTruth(truth).evaluate(truth).value()).isEqualTo(0.0);
    IsingModel zero = IsingModel.of(ops, new double[2], new double[2][2]);
    assertThatThrownBy(() -> ParameterError.toTruth(zero).evaluate(model))
        .hasMessageContaining("zero");
  }

  // ---- Fisher divergence -----------------------------------------------------------------------

  @Test
  void fisherDivergenceMatchesTheGaussianClosedForm() {
    double meanP = 0.5;
    double sdP = 1.2;
    double meanQ = -0.3;
    double sdQ = 0.9;
    GaussianModel p =
        GaussianModel.fromMeanAndCovariance(
            ops(), new double[] {meanP}, new double[][] {{sdP * sdP}});
    GaussianModel q =
        GaussianModel.fromMeanAndCovariance(
            ops(), new double[] {meanQ}, new double[][] {{sdQ * sdQ}});
    int n = 20_000;
    Mat samples = p.sampleExactly(n, RandomStream.derive(SEED, "fisher"));
    Measurement estimate = FisherDivergence.fromTruth(p, samples).evaluate(q);

    // grad f_p - grad f_q = a x + b with a = 1/sdQ^2 - 1/sdP^2, b = meanP/sdP^2 - meanQ/sdQ^2.
    // For x ~ p, Y = a x + b ~ N(m, v) with m = a meanP + b, v = a^2 sdP^2, and
    // E[Y^2 / 2] = (m^2 + v) / 2, Var[Y^2 / 2] = v^2 / 2 + m^2 v.
    double a = 1.0 / (sdQ * sdQ) - 1.0 / (sdP * sdP);
    double b = meanP / (sdP * sdP) - meanQ / (sdQ * sdQ);
    double m = a * meanP + b;
    double v = a * a * sdP * sdP;
    double exact = 0.5 * (m * m + v);
    double exactStandardError = Math.sqrt((0.5 * v * v + m * m * v) / n);
    assertThat(estimate.value())
        .isCloseTo(exact, offset(SamplingChecks.Z_ALPHA * exactStandardError));
    // The reported standard error estimates exactStandardError; a sample standard deviation has
    // relative error sqrt((kurtosis - 1) / (4 n)), at most sqrt(14 / (4 n)) = 1.3% here (a
    // chi-square with one degree of freedom, kurtosis 15, is the heaviest case).
    assertThat(estimate.standardError())
        .isCloseTo(
            exactStandardError,
            offset(SamplingChecks.Z_ALPHA * Math.sqrt(14.0 / (4.0 * n)) * exactStandardError));
    assertThat(FisherDivergence.fromTruth(p, samples).name()).isEqualTo("fisherDivergence");
  }

  @Test
  void fisherDivergenceOfAModelWithItselfIsZero() {
    GaussianModel p =
        GaussianModel.fromMeanAndCovariance(ops(), new double[] {0.5}, new double[][] {{2.0}});
    Measurement same =
        FisherDivergence.estimate(
            p, p.copy(), p.sampleExactly(100, RandomStream.derive(SEED, "same")));
    assertThat(same.value()).isEqualTo(0.0);
    assertThat(same.standardError()).isEqualTo(0.0);
  }

  @Test
  void fisherDivergenceNeedsScores() {
    IsingModel ising = randomIsing(3, "ising");
    Mat spins = ops().zeros(4, 3);
    assertThatThrownBy(() -> FisherDivergence.fromTruth(ising, spins))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DifferentiableInX")
        .hasMessageContaining("ising(n=3)");
  }

  // ---- reconstruction error --------------------------------------------------------------------

  @Test
  void reconstructionErrorIsOneMeanFieldUpDownPassByPlainLoops() {
    RandomStream stream = RandomStream.derive(SEED, "reconstruction");
    BernoulliRbm model = BernoulliRbm.random(ops(), 4, 3, 1.0, 0.5, stream);
    double[] theta = model.parameterValues();
    double[] x = {1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0};
    double expected = 0.0;
    for (int r = 0; r < 3; r++) {
      double[] q = new double[3];
      for (int j = 0; j < 3; j++) {
        double input = theta[4 * 3 + 4 + j];
        for (int i = 0; i < 4; i++) {
          input += x[4 * r + i] * theta[BernoulliRbm.weightIndex(3, i, j)];
        }
        q[j] = 1 / (1 + Math.exp(-input));
      }
      for (int i = 0; i < 4; i++) {
        double input = theta[4 * 3 + i];
        for (int j = 0; j < 3; j++) {
          input += q[j] * theta[BernoulliRbm.weightIndex(3, i, j)];
        }
        double d = x[4 * r + i] - 1 / (1 + Math.exp(-input));
        expected += d * d / 12;
      }
    }
    ReconstructionError metric = new ReconstructionError(ops().fromHost(3, 4, x));
    assertThat(metric.name()).isEqualTo("reconstructionError");
    assertThat(metric.evaluate(model).value())
        .isCloseTo(expected, offset(tolerances().roundOff()));
    assertThat(metric.evaluate(model).hasStandardError()).isFalse();
  }

  @Test
  void aGaussianRbmReconstructsTheMeanGivenTheHiddenMeans() {
    // With W = 0 the hidden units carry nothing: r(x) = b for every x, so the error is the mean
    // of (x - b)^2.
    double[] b = {0.5, -1.0};
    GaussianBernoulliRbm model =
        GaussianBernoulliRbm.of(ops(), new double[2][3], b, new double[] {0.1, 0.2, 0.3}, null);
    double[] x = {1.0, 1.0, 0.0, -3.0};
    double expected = (0.25 + 4.0 + 0.25 + 4.0) / 4;
    assertThat(new ReconstructionError(ops().fromHost(2, 2, x)).evaluate(model).value())
        .isCloseTo(expected, offset(tolerances().roundOff()));
    assertThatThrownBy(() -> new ReconstructionError(ops().fromHost(2, 2, x)).evaluate(randomIsing(2, "r")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Reconstructing");
  }
}
