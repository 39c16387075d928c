package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.model.Domain;
import org.ebmbench.model.GaussianBernoulliRbm;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian-Bernoulli RBM on an engine, with unit and with learned variances: f against plain
 * loops, exact log Z against numerical quadrature over v (1 and 2 visible units) and against a
 * plain-loop sum over the hidden states, every gradient against finite differences, block Gibbs
 * against the exact distribution of v by a Kolmogorov-Smirnov test at significance {@link
 * SamplingChecks#ALPHA}, and CD/PCD learning against the exact likelihood.
 */
public abstract class GaussianBernoulliRbmContract extends EngineContract {
  /**
   * log Z by quadrature sums up to 1.4 million positive terms: naive summation is then exact to
   * N eps = 3e-10 relative in the sum, so 3e-10 absolute in log Z; 1e-9 allows for that. In a
   * precision whose round-off is coarser, its round-off bound (relative to log Z) applies.
   */
  private double quadratureTolerance(double logZ) {
    return Math.max(1e-9, tolerances().roundOff() * Math.max(1.0, Math.abs(logZ)));
  }

  @Test
  void logDensityMatchesPlainLoops() {
    RandomStream stream = RandomStream.of(71);
    for (boolean learned : new boolean[] {false, true}) {
      GaussianBernoulliRbmReference reference =
          GaussianBernoulliRbmReference.random(4, 3, learned, 0.8, 0.7, stream);
      GaussianBernoulliRbm model = reference.model(ops());
      Mat x = ContinuousModelChecks.points(ops(), 6, 4, 1.5, 72);
      Mat f = ops().zeros(6, 1);
      model.logDensityUnnormalized(x, f);
      double[] points = ops().toHost(x);
      double[] actual = ops().toHost(f);
      for (int r = 0; r < 6; r++) {
        double[] v = java.util.Arrays.copyOfRange(points, 4 * r, 4 * r + 4);
        DiscreteModelChecks.assertRelative(
            tolerances(), actual[r], reference.logDensity(v), model.describe() + " f of row " + r);
      }
    }
  }

  @Test
  void logZMatchesQuadratureOverOneAndTwoVisibleUnits() {
    RandomStream stream = RandomStream.of(73);
    // Means |b + W h| stay below ~5 and sigma below ~1.6 at these scales, so +-25 lies more than
    // 12 standard deviations beyond every mean.
    for (boolean learned : new boolean[] {false, true}) {
      for (int nv = 1; nv <= 2; nv++) {
        GaussianBernoulliRbmReference reference =
            GaussianBernoulliRbmReference.random(nv, 3, learned, 1.0, 0.8, stream);
        double quadrature = reference.logZByQuadrature(25.0, nv == 1 ? 0.01 : 0.05);
        double logZ = reference.model(ops()).logPartition();
        assertThat(logZ)
            .as("log Z of %s against quadrature", reference.model(ops()).describe())
            .isCloseTo(quadrature, within(quadratureTolerance(quadrature)));
      }
    }
  }

  @Test
  void logZMatchesAPlainLoopSumOverHiddenStatesAcrossChunks() {
    // 2^13 hidden states span several enumeration chunks and end on a partial one.
    GaussianBernoulliRbmReference reference =
        GaussianBernoulliRbmReference.random(5, 13, true, 0.3, 0.5, RandomStream.of(74));
    DiscreteModelChecks.assertRelative(
        tolerances(),
        reference.model(ops()).logPartition(),
        reference.logZByHiddenEnumeration(),
        "log Z over 2^13 hidden states");
  }

  @Test
  void expectedParameterGradientIsTheFiniteDifferenceGradientOfLogZ() {
    for (boolean learned : new boolean[] {false, true}) {
      GaussianBernoulliRbm model =
          GaussianBernoulliRbm.random(ops(), 3, 4, learned, 0.6, 0.5, RandomStream.of(75));
      if (learned) {
        perturbLogVariances(model, 76);
      }
      DiscreteModelChecks.assertExpectedGradientIsGradientOfLogZ(model, tolerances());
    }
  }

  @Test
  void meanParameterGradientIsTheFiniteDifferenceGradientOfTheMeanLogDensity() {
    for (boolean learned : new boolean[] {false, true}) {
      GaussianBernoulliRbm model =
          GaussianBernoulliRbm.random(ops(), 4, 3, learned, 0.6, 0.5, RandomStream.of(77));
      if (learned) {
        perturbLogVariances(model, 78);
      }
      Mat x = ContinuousModelChecks.points(ops(), 7, 4, 1.2, 79);
      DiscreteModelChecks.assertMeanGradientIsGradientOfMeanLogDensity(model, x, tolerances());
    }
  }

  @Test
  void blockGibbsChainsConvergeToTheExactDistributionOfV() {
    // One visible unit, three hidden units with weights of sd 1.5: a multimodal mixture of 8
    // normals. 5000 independent chains from v = 0 after 100 sweeps (each sweep mixes the modes
    // through h, so the bias is far below what 5000 draws resolve).
    GaussianBernoulliRbmReference reference =
        GaussianBernoulliRbmReference.random(1, 3, true, 1.5, 0.5, RandomStream.of(80));
    GaussianBernoulliRbm model = reference.model(ops());
    Mat chains = ops().zeros(5000, 1);
    new GibbsSampler().run(model, chains, 100, RandomStream.of(81));
    assertThat(ksPValue(reference, chains))
        .as("KS p-value of Gibbs draws (alpha = %s)", SamplingChecks.ALPHA)
        .isGreaterThan(SamplingChecks.ALPHA);
    // The same check rejects chains that have not moved.
    assertThat(ksPValue(reference, ops().zeros(5000, 1))).isLessThan(SamplingChecks.ALPHA);
  }

  private double ksPValue(GaussianBernoulliRbmReference reference, Mat draws) {
    return KolmogorovSmirnovTest.withDefaults()
        .test(ops().toHost(draws), reference::cumulativeProbability)
        .getPValue();
  }

  @Test
  void exactMleAndContrastiveDivergenceRaiseTheExactLogLikelihood() {
    // 500 draws (50 Gibbs sweeps from 0) of a 2 x 4 learned-variance model with strong weights,
    // then 100 full-batch updates from small random weights. Measured once: from -21.63 nats to
    // -3.139 (exact MLE), -3.140 (CD-1) and -3.140 (PCD-1), against -3.127 under the true model.
    // A sign or packing error in either gradient term would lower the likelihood instead.
    Ops ops = ops();
    GaussianBernoulliRbmReference truth =
        GaussianBernoulliRbmReference.random(2, 4, true, 2.0, 0.5, RandomStream.of(82));
    Mat data = ops.zeros(500, 2);
    new GibbsSampler().run(truth.model(ops), data, 50, RandomStream.of(83));
    double best = HeldOutLogLikelihood.mean(truth.model(ops), data);
    Estimator[] estimators = {
      new ExactMle(),
      ContrastiveDivergence.cd(1, new GibbsSampler()),
      ContrastiveDivergence.persistent(1, new GibbsSampler())
    };
    for (Estimator estimator : estimators) {
      GaussianBernoulliRbm model =
          GaussianBernoulliRbm.random(ops, 2, 4, true, 0.1, 0.0, RandomStream.of(84));
      double before = HeldOutLogLikelihood.mean(model, data);
      Sgd sgd = new Sgd(ops, 0.1, 0.5);
      Mat gradient = ops.zeros(model.parameterCount(), 1);
      RandomStream stream = RandomStream.of(85);
      for (int update = 0; update < 100; update++) {
        estimator.lossGradient(model, data, stream, gradient);
        sgd.step(model.parameters(), gradient);
      }
      assertThat(HeldOutLogLikelihood.mean(model, data))
          .as("%s: exact log-likelihood after 100 updates, from %s (true model %s)",
              estimator.describe(), before, best)
          .isGreaterThan(best - 0.1);
    }
  }

  @Test
  void layoutDescriptionAndErrors() {
    GaussianBernoulliRbmReference reference =
        GaussianBernoulliRbmReference.random(2, 3, true, 1.0, 1.0, RandomStream.of(86));
    GaussianBernoulliRbm model = reference.model(ops());
    double[] theta = model.parameterValues();
    // As stored: exact in double, rounded to the nearest float in float.
    assertThat(theta)
        .containsExactly(
            new double[] {
              reference.w[0][0], reference.w[0][1], reference.w[0][2], reference.w[1][0],
              reference.w[1][1], reference.w[1][2], reference.b[0], reference.b[1], reference.c[0],
              reference.c[1], reference.c[2], reference.z[0], reference.z[1]
            },
            within(tolerances().roundOff()));
    assertThat(model.describe()).isEqualTo("gbrbm(nv=2,nh=3,learnedVariance)");
    assertThat(model.domain()).isEqualTo(Domain.CONTINUOUS);
    assertThat(GaussianBernoulliRbm.parameterCount(2, 3, false)).isEqualTo(11);
    assertThat(ops().toHost(model.precisions()))
        .containsExactly(
            new double[] {Math.exp(-reference.z[0]), Math.exp(-reference.z[1])},
            within(tolerances().roundOff()));
    GaussianBernoulliRbm copy = model.copy();
    ops().fill(0.0, model.parameters());
    assertThat(copy.parameterValues()).containsExactly(theta);
    assertThatThrownBy(
            () ->
                GaussianBernoulliRbm.of(
                    ops(), new double[][] {{1}}, new double[] {0}, new double[] {0},
                    new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log-variance z[0]");
    assertThatThrownBy(
            () -> GaussianBernoulliRbm.random(ops(), 2, 26, false, 0.1, 0.1, RandomStream.of(1))
                .logPartition())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden layer has 26 units");
  }

  /** Log-variances of sd 0.5, so the variance terms of the gradients are exercised away from 0. */
  private void perturbLogVariances(GaussianBernoulliRbm model, long seed) {
    double[] theta = model.parameterValues();
    RandomStream stream = RandomStream.of(seed);
    int nv = model.visibleCount();
    for (int i = theta.length - nv; i < theta.length; i++) {
      theta[i] = 0.5 * stream.nextGaussian();
    }
    ContinuousModelChecks.setParameters(model, theta);
  }
}
