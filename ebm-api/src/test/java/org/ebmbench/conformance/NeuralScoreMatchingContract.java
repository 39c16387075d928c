package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ebmbench.conformance.ContinuousModelChecks.assertParameterGradient;
import static org.ebmbench.conformance.ContinuousModelChecks.points;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.DenoisingScoreMatching;
import org.ebmbench.estimator.ScoreMatching;
import org.ebmbench.estimator.SlicedScoreMatching;
import org.ebmbench.estimator.SlicedScoreMatching.Projection;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The score-matching estimators on MLP energies: the Theta-gradients of the sliced and denoising
 * losses against finite differences at fixed random draws, sliced against exact in expectation
 * (Monte Carlo), and denoising against exact as sigma shrinks (quadrature over the noise).
 */
public abstract class NeuralScoreMatchingContract extends EngineContract {
  private static final int[] WIDTHS = {2, 6, 5, 1};

  private MlpEnergy network() {
    RandomStream stream = RandomStream.of(97);
    double[] theta = new double[MlpEnergy.parameterCount(WIDTHS)];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.7 * stream.nextGaussian();
    }
    return MlpEnergy.fromParameters(ops(), WIDTHS, Activation.SILU, theta);
  }

  @ParameterizedTest
  @CsvSource({"1,RADEMACHER,false", "3,GAUSSIAN,false", "2,RADEMACHER,true", "1,GAUSSIAN,true"})
  void slicedGradientMatchesDifferencesAtFixedProjections(
      int projections, Projection projection, boolean varianceReduced) {
    MlpEnergy model = network();
    Mat x = points(ops(), 7, 2, 1.0, 3);
    SlicedScoreMatching ssm = new SlicedScoreMatching(projections, projection, varianceReduced);
    Mat gradient = ops().zeros(model.parameterCount(), 1);
    ssm.lossAndGradient(model, x, RandomStream.of(5), gradient);
    Mat scratch = ops().zeros(model.parameterCount(), 1);
    assertParameterGradient(
        model,
        ops().toHost(gradient),
        tolerances().finiteDifferenceStep(),
        tolerances(),
        m -> ssm.lossAndGradient(m, x, RandomStream.of(5), scratch),
        ssm.describe() + " loss");
  }

  @Test
  void denoisingGradientMatchesDifferencesAtFixedNoise() {
    MlpEnergy model = network();
    Mat x = points(ops(), 7, 2, 1.0, 3);
    DenoisingScoreMatching dsm = new DenoisingScoreMatching(0.3);
    Mat gradient = ops().zeros(model.parameterCount(), 1);
    dsm.lossAndGradient(model, x, RandomStream.of(5), gradient);
    Mat scratch = ops().zeros(model.parameterCount(), 1);
    assertParameterGradient(
        model,
        ops().toHost(gradient),
        tolerances().finiteDifferenceStep(),
        tolerances(),
        m -> dsm.lossAndGradient(m, x, RandomStream.of(5), scratch),
        "dsm loss");
  }

  /**
   * Over R independent calls the sliced loss and every gradient entry average to the exact ones:
   * each mean is within Z standard errors (the sample standard deviation over R, R = 400, so the
   * mean is near normal). Z = 4.5 is a two-sided 7e-6 per quantity, under 1e-3 over all P + 1 = 56
   * quantities (Bonferroni) per variant.
   */
  @ParameterizedTest
  @CsvSource({"RADEMACHER,false", "GAUSSIAN,false", "RADEMACHER,true", "GAUSSIAN,true"})
  void slicedAgreesWithExactInExpectation(Projection projection, boolean varianceReduced) {
    final int repetitions = 400;
    final double z = 4.5;
    MlpEnergy model = network();
    int p = model.parameterCount();
    Mat x = points(ops(), 16, 2, 1.0, 3);
    Mat exactGradient = ops().zeros(p, 1);
    double exact = model.scoreMatchingObjective(x, exactGradient);
    double[] expected = new double[p + 1];
    System.arraycopy(ops().toHost(exactGradient), 0, expected, 1, p);
    expected[0] = exact;

    SlicedScoreMatching ssm = new SlicedScoreMatching(1, projection, varianceReduced);
    RandomStream stream = RandomStream.of(2027);
    Mat gradient = ops().zeros(p, 1);
    double[] sum = new double[p + 1];
    double[] sumSquares = new double[p + 1];
    for (int r = 0; r < repetitions; r++) {
      double loss = ssm.lossAndGradient(model, x, stream, gradient);
      double[] g = ops().toHost(gradient);
      for (int j = 0; j <= p; j++) {
        double value = j == 0 ? loss : g[j - 1];
        sum[j] += value;
        sumSquares[j] += value * value;
      }
    }
    for (int j = 0; j <= p; j++) {
      double mean = sum[j] / repetitions;
      double variance = (sumSquares[j] - repetitions * mean * mean) / (repetitions - 1);
      double standardError = Math.sqrt(Math.max(variance, 0.0) / repetitions);
      assertThat(mean)
          .as("%s: %s", ssm.describe(), j == 0 ? "loss" : "gradient entry " + (j - 1))
          .isCloseTo(
              expected[j], within(z * standardError + tolerances().roundOff() * Math.abs(mean)));
    }
  }

  /**
   * E[J_dsm] - d / (2 sigma^2) = J_exact + c sigma^2 + O(sigma^4), for the loss and (the constant
   * aside) its gradient: Taylor expansion of grad f(x + sigma eps) in sigma, odd moments of eps
   * vanishing. The expectation over eps is a 24 x 24-node Gauss-Hermite rule, exact for polynomials
   * of degree 47 in each coordinate of eps; the integrands are entire in eps and, at these sigma,
   * close to quadratic, so the rule is accurate far beyond the differences tested. Tested: the
   * bias is below 0.02 (relative to max(1, |exact|)) at sigma = 0.02, and halving sigma divides it
   * by 4 within 0.25 +- 0.01 (the O(sigma^2) remainder of the ratio, ~sigma^2 |c4/c2|, is far below
   * 0.01 at these sigma for O(1) Taylor coefficients; observed 0.2502 for the gradient).
   */
  @Test
  void denoisingApproachesExactAsSigmaShrinks() {
    MlpEnergy model = network();
    int p = model.parameterCount();
    Mat x = points(ops(), 4, 2, 1.0, 3);
    Mat exactGradient = ops().zeros(p, 1);
    double exact = model.scoreMatchingObjective(x, exactGradient);
    double[] exactG = ops().toHost(exactGradient);

    double[] biasLarge = denoisingBias(model, x, 0.02, exact, exactG);
    double[] biasSmall = denoisingBias(model, x, 0.01, exact, exactG);
    double scale = Math.max(1, Math.abs(exact));
    for (int j = 0; j <= p; j++) {
      assertThat(Math.abs(biasLarge[j])).as("bias %d at sigma 0.02", j).isLessThan(0.02 * scale);
    }
    // Ratios of the loss bias and of the gradient bias's norm.
    assertThat(biasSmall[0] / biasLarge[0]).isCloseTo(0.25, within(0.01));
    double large = 0;
    double small = 0;
    for (int j = 1; j <= p; j++) {
      large += biasLarge[j] * biasLarge[j];
      small += biasSmall[j] * biasSmall[j];
    }
    assertThat(Math.sqrt(small / large)).isCloseTo(0.25, within(0.01));
  }

  /** (E[J] - d/(2 sigma^2) - J_exact, then E[grad J] - grad J_exact), E by quadrature. */
  private double[] denoisingBias(
      MlpEnergy model, Mat x, double sigma, double exact, double[] exactGradient) {
    Ops ops = ops();
    int n = x.rows();
    int p = model.parameterCount();
    GaussIntegrator rule = new GaussIntegratorFactory().hermite(24);
    DenoisingScoreMatching dsm = new DenoisingScoreMatching(sigma);
    Mat gradient = ops.zeros(p, 1);
    double[] expectation = new double[p + 1];
    double[] eps = new double[n * 2];
    for (int a = 0; a < rule.getNumberOfPoints(); a++) {
      for (int b = 0; b < rule.getNumberOfPoints(); b++) {
        // int e^-u^2 g(u) du = sqrt(pi) E[g(eps / sqrt 2)], eps ~ N(0, 1).
        double weight = rule.getWeight(a) * rule.getWeight(b) / Math.PI;
        for (int i = 0; i < n; i++) {
          eps[2 * i] = Math.sqrt(2) * rule.getPoint(a);
          eps[2 * i + 1] = Math.sqrt(2) * rule.getPoint(b);
        }
        double loss = dsm.lossAndGradient(model, x, ops.fromHost(n, 2, eps), gradient);
        double[] g = ops.toHost(gradient);
        expectation[0] += weight * loss;
        for (int j = 0; j < p; j++) {
          expectation[j + 1] += weight * g[j];
        }
      }
    }
    double[] bias = new double[p + 1];
    bias[0] = expectation[0] - 2 / (2 * sigma * sigma) - exact;
    for (int j = 0; j < p; j++) {
      bias[j + 1] = expectation[j + 1] - exactGradient[j];
    }
    return bias;
  }

  @Test
  void estimatorsDescribeThemselvesAndRejectBadSettings() {
    assertThat(new SlicedScoreMatching(1, Projection.RADEMACHER, true).describe())
        .isEqualTo("ssm-vr(m=1,rademacher)");
    assertThat(new SlicedScoreMatching(4, Projection.GAUSSIAN, false).describe())
        .isEqualTo("ssm(m=4,gaussian)");
    assertThat(new DenoisingScoreMatching(0.1).describe()).isEqualTo("dsm(sigma=0.1)");
    assertThatThrownBy(() -> new SlicedScoreMatching(0, Projection.GAUSSIAN, false))
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> new DenoisingScoreMatching(0.0)).hasMessageContaining("got 0.0");
    GaussianModel gaussian =
        GaussianModel.fromMeanAndCovariance(ops(), new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
    Mat x = points(ops(), 3, 2, 1.0, 3);
    Mat gradient = ops().zeros(gaussian.parameterCount(), 1);
    assertThatThrownBy(
            () -> new DenoisingScoreMatching(0.1).lossGradient(gaussian, x, RandomStream.of(1), gradient))
        .hasMessageContaining("DirectionalDerivatives")
        .hasMessageContaining("gaussian(d=2)");
    Mat wrongNoise = points(ops(), 2, 2, 1.0, 3);
    assertThatThrownBy(
            () -> new DenoisingScoreMatching(0.1).lossAndGradient(network(), x, wrongNoise, gradient))
        .hasMessageContaining("noise 2 x 2 does not fit the batch 3 x 2");
    // Exact score matching runs on the network through ScoreMatchable.
    MlpEnergy model = network();
    Mat viaEstimator = ops().zeros(model.parameterCount(), 1);
    Mat direct = ops().zeros(model.parameterCount(), 1);
    new ScoreMatching().lossGradient(model, x, RandomStream.of(1), viaEstimator);
    model.scoreMatchingObjective(x, direct);
    assertThat(ops().toHost(viaEstimator)).containsExactly(ops().toHost(direct));
  }
}
