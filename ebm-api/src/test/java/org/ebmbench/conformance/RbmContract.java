package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ebmbench.data.BarsAndStripes;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.BernoulliRbm.Layer;
import org.ebmbench.model.Domain;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.MetropolisHastings;
import org.junit.jupiter.api.Test;

/**
 * The Bernoulli RBM on an engine: exact log Z and expectations against brute force over both
 * layers, the two enumeration orders against each other, gradients against finite differences, and
 * block Gibbs and Metropolis-Hastings chains against the exact marginal of v by chi-square tests at
 * significance {@link SamplingChecks#ALPHA}.
 *
 * <p>Expectations of 0/1 statistics are weighted means with weights summing to one, so their
 * round-off is absolute, of order roundOff. log Z and f can be near zero, so they are compared with
 * roundOff relative to max(1, |value|): relative for the values of a few nats and more that random
 * models give, absolute near zero. roundOff (1e-12 in double) is tighter than the 1e-10
 * relative requirement.
 */
public abstract class RbmContract extends EngineContract {
  /** Independent chains for the chi-square tests: the rarest of 16 states expects >= 5. */
  private static final int CHAINS = 20_000;

  // ---- exact log Z and expectations ------------------------------------------------------------

  @Test
  void logZAndExpectationsMatchBruteForceOverBothLayers() {
    RandomStream stream = RandomStream.of(41);
    // Both orders of nv and nh, so both the hidden and the visible layer get enumerated.
    int[][] shapes = {{1, 1}, {3, 2}, {2, 5}, {5, 4}, {6, 6}, {4, 9}, {9, 3}};
    for (int[] shape : shapes) {
      Parameters p = Parameters.random(shape[0], shape[1], 1.0, 0.7, stream);
      DiscreteModelChecks.assertMatchesBruteForce(p.model(ops()), p.bruteForce(), tolerances());
    }
  }

  @Test
  void largeLogDensitiesInLaterChunksAreRescaledWithoutOverflow() {
    // f reaches ~840 at the all-ones visible state, the last enumerated: exp(f) overflows, and the
    // running shift must grow chunk by chunk (2^13 visible states span three chunks).
    Parameters p = Parameters.random(13, 14, 0.3, 0.3, RandomStream.of(42));
    Arrays.fill(p.b, 60.0);
    BernoulliRbm model = p.model(ops());
    double viaHidden = model.logPartitionEnumerating(Layer.HIDDEN);
    DiscreteModelChecks.assertRelative(tolerances(), model.logPartition(), viaHidden, "log Z by the visible layer");
    assertThat(model.logPartition()).isGreaterThan(13 * 60.0);
  }

  @Test
  void enumeratingEitherLayerGivesTheSameLogZAndExpectations() {
    // 2^13 and 2^12 states: both enumerations span several chunks and end on a partial one.
    Parameters p = Parameters.random(13, 12, 0.5, 0.5, RandomStream.of(43));
    BernoulliRbm model = p.model(ops());
    double viaVisible = model.logPartitionEnumerating(Layer.VISIBLE);
    double viaHidden = model.logPartitionEnumerating(Layer.HIDDEN);
    DiscreteModelChecks.assertRelative(tolerances(), viaVisible, viaHidden, "log Z by either layer");
    assertThat(model.logPartition()).as("the hidden layer is smaller").isEqualTo(viaHidden);
    Mat byVisible = ops().zeros(model.parameterCount(), 1);
    Mat byHidden = ops().zeros(model.parameterCount(), 1);
    model.expectedParameterGradientEnumerating(Layer.VISIBLE, byVisible);
    model.expectedParameterGradientEnumerating(Layer.HIDDEN, byHidden);
    double[] a = ops().toHost(byVisible);
    double[] b = ops().toHost(byHidden);
    for (int k = 0; k < a.length; k++) {
      assertThat(a[k]).as("E[T_%d]", k).isCloseTo(b[k], within(tolerances().roundOff()));
    }
  }

  @Test
  void logDensityIsTheLogMarginalOverTheHiddenLayer() {
    RandomStream stream = RandomStream.of(44);
    Parameters p = Parameters.random(6, 5, 1.0, 1.0, stream);
    BernoulliRbm model = p.model(ops());
    RbmBruteForce reference = p.bruteForce();
    int rows = 9;
    double[] states = randomBits(rows, 6, stream);
    Mat f = ops().zeros(rows, 1);
    model.logDensityUnnormalized(ops().fromHost(rows, 6, states), f);
    double[] actual = ops().toHost(f);
    for (int r = 0; r < rows; r++) {
      double expected = reference.logDensity(Arrays.copyOfRange(states, r * 6, (r + 1) * 6));
      DiscreteModelChecks.assertRelative(tolerances(), actual[r], expected, "f of row " + r);
    }
  }

  @Test
  void logZFollowsParametersWrittenInPlace() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 5, 4, 1.0, 0.5, RandomStream.of(45));
    BernoulliRbm other = BernoulliRbm.random(ops(), 5, 4, 1.0, 0.5, RandomStream.of(46));
    model.logPartition();
    model.expectedParameterGradient(ops().zeros(model.parameterCount(), 1));
    ops().copy(other.parameters(), model.parameters());
    assertThat(model.logPartition()).isEqualTo(other.logPartition());
    assertThat(DiscreteModelChecks.expectedParameterGradient(model)).containsExactly(DiscreteModelChecks.expectedParameterGradient(other));
  }

  // ---- gradients -------------------------------------------------------------------------------

  @Test
  void expectedParameterGradientIsTheFiniteDifferenceGradientOfLogZ() {
    for (int[] shape : new int[][] {{4, 3}, {3, 4}}) {
      BernoulliRbm model =
          BernoulliRbm.random(ops(), shape[0], shape[1], 1.0, 0.8, RandomStream.of(47));
      DiscreteModelChecks.assertExpectedGradientIsGradientOfLogZ(model, tolerances());
    }
  }

  @Test
  void meanParameterGradientIsTheFiniteDifferenceGradientOfTheMeanLogDensity() {
    int rows = 7;
    RandomStream stream = RandomStream.of(48);
    BernoulliRbm model = BernoulliRbm.random(ops(), 5, 3, 1.0, 0.8, stream);
    Mat x = ops().fromHost(rows, 5, randomBits(rows, 5, stream));
    DiscreteModelChecks.assertMeanGradientIsGradientOfMeanLogDensity(model, x, tolerances());
  }

  // ---- samplers --------------------------------------------------------------------------------

  @Test
  void blockGibbsLeavesTheExactMarginalInvariant() {
    SampleCheck check = new SampleCheck(49);
    Mat chains = check.exactSamples(RandomStream.of(50));
    RandomStream stream = RandomStream.of(51);
    for (int sweep = 0; sweep < 3; sweep++) {
      check.model.gibbsSweep(chains, stream);
    }
    check.assertFollowsMarginal(chains, "chains started exactly, after 3 sweeps");
  }

  @Test
  void blockGibbsChainsStartedAtZeroConverge() {
    SampleCheck check = new SampleCheck(52);
    Mat chains = ops().zeros(CHAINS, 4);
    RandomStream stream = RandomStream.of(53);
    // Weights of sd 0.5 on 4 x 3 units couple the layers weakly: each sweep contracts the
    // distance to P by a factor well below 1/2, so after 50 sweeps the bias is far below the
    // ~0.01 in total variation that 20000 chains resolve.
    for (int sweep = 0; sweep < 50; sweep++) {
      check.model.gibbsSweep(chains, stream);
    }
    double[] states = ops().toHost(chains);
    assertThat(states).containsOnly(0.0, 1.0);
    check.assertFollowsMarginal(chains, "chains started at zero, after 50 sweeps");
  }

  @Test
  void theChiSquareCheckDetectsUnmixedChains() {
    SampleCheck check = new SampleCheck(54);
    Mat chains = ops().zeros(CHAINS, 4);
    assertThat(check.pValue(chains)).as("all chains at v = 0").isLessThan(SamplingChecks.ALPHA);
  }

  @Test
  void metropolisBitFlipsSampleTheExactMarginal() {
    SampleCheck check = new SampleCheck(55);
    Mat chains = ops().zeros(CHAINS, 4);
    // About one bit flips per proposal (probability 1/4 per site), so 200 steps is ~50 Gibbs
    // sweeps' worth of single-site moves on 4 bits with weak couplings.
    new MetropolisHastings().run(check.model, chains, 200, RandomStream.of(56));
    assertThat(ops().toHost(chains)).containsOnly(0.0, 1.0);
    check.assertFollowsMarginal(chains, "mh chains started at zero, after 200 steps");
  }

  @Test
  void gibbsSweepsAreReproducible() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 7, 5, 1.0, 0.5, RandomStream.of(57));
    Mat first = ops().zeros(50, 7);
    Mat second = ops().zeros(50, 7);
    model.gibbsSweep(first, RandomStream.of(58));
    model.gibbsSweep(second, RandomStream.of(58));
    assertThat(ops().toHost(first)).containsExactly(ops().toHost(second));
  }

  // ---- learning --------------------------------------------------------------------------------

  @Test
  void exactMleAndContrastiveDivergenceRaiseTheExactLogLikelihoodOfBarsAndStripes() {
    // The model's gradients plugged into the suite's estimators: 300 full-batch updates of the 30
    // patterns from small random weights. Measured once: from -11.13 nats to -7.90 (exact MLE),
    // -8.34 (CD-1) and -8.60 (PCD-1); the optimum is -log 30 = -3.40. A sign or packing error in
    // either gradient term would lower the likelihood instead.
    Mat patterns = BarsAndStripes.patterns(4).toEngine(ops());
    Estimator[] estimators = {
      new ExactMle(),
      ContrastiveDivergence.cd(1, new GibbsSampler()),
      ContrastiveDivergence.persistent(1, new GibbsSampler())
    };
    for (Estimator estimator : estimators) {
      BernoulliRbm model = BernoulliRbm.random(ops(), 16, 8, 0.1, 0.0, RandomStream.of(62));
      double before = HeldOutLogLikelihood.mean(model, patterns);
      Sgd sgd = new Sgd(ops(), 0.2, 0.5);
      Mat gradient = ops().zeros(model.parameterCount(), 1);
      RandomStream stream = RandomStream.of(63);
      for (int update = 0; update < 300; update++) {
        estimator.lossGradient(model, patterns, stream, gradient);
        sgd.step(model.parameters(), gradient);
      }
      assertThat(HeldOutLogLikelihood.mean(model, patterns))
          .as("%s: exact log-likelihood after 300 updates, from %s", estimator.describe(), before)
          .isGreaterThan(before + 2.0);
    }
  }

  // ---- layout, factories and errors ------------------------------------------------------------

  @Test
  void parametersAreWeightsRowMajorThenVisibleThenHiddenBiases() {
    Parameters p = Parameters.random(3, 2, 1.0, 1.0, RandomStream.of(59));
    BernoulliRbm model = p.model(ops());
    double[] theta = model.parameterValues();
    assertThat(theta)
        .containsExactly(
            stored(
                p.w[0][0], p.w[0][1], p.w[1][0], p.w[1][1], p.w[2][0], p.w[2][1], p.b[0], p.b[1],
                p.b[2], p.c[0], p.c[1]));
    assertThat(ops().toHost(model.weights())).containsExactly(Arrays.copyOf(theta, 6));
    assertThat(ops().toHost(model.visibleBias())).containsExactly(stored(p.b));
    assertThat(ops().toHost(model.hiddenBias())).containsExactly(stored(p.c));
    assertThat(BernoulliRbm.weightIndex(2, 2, 1)).isEqualTo(5);
    assertThat(model.describe()).isEqualTo("rbm(nv=3,nh=2)");
    assertThat(model.domain()).isEqualTo(Domain.BINARY);
    assertThat(model.dimension()).isEqualTo(3);
    BernoulliRbm copy = model.copy();
    ops().fill(0.0, model.parameters());
    assertThat(copy.parameterValues()).as("a copy is independent").containsExactly(theta);
  }

  /** The values as the engine stores them (rounded in float, unchanged in double). */
  private double[] stored(double... values) {
    return ops().toHost(ops().fromHost(1, values.length, values));
  }

  @Test
  void conditionalProbabilitiesAreSigmoidsOfTheInputs() {
    Parameters p = Parameters.random(3, 2, 1.0, 1.0, RandomStream.of(60));
    BernoulliRbm model = p.model(ops());
    double[] v = {1, 0, 1};
    double[] h = {0, 1};
    Mat q = ops().zeros(1, 2);
    model.hiddenProbabilities(ops().fromHost(1, 3, v), q);
    Mat r = ops().zeros(1, 3);
    model.visibleProbabilities(ops().fromHost(1, 2, h), r);
    for (int j = 0; j < 2; j++) {
      double input = p.c[j] + p.w[0][j] + p.w[2][j];
      assertThat(ops().toHost(q)[j])
          .isCloseTo(1 / (1 + Math.exp(-input)), within(tolerances().roundOff()));
    }
    for (int i = 0; i < 3; i++) {
      double input = p.b[i] + p.w[i][1];
      assertThat(ops().toHost(r)[i])
          .isCloseTo(1 / (1 + Math.exp(-input)), within(tolerances().roundOff()));
    }
  }

  @Test
  void tooLargeForEnumerationIsAClearError() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 30, 28, 0.1, 0.1, RandomStream.of(61));
    assertThatThrownBy(model::logPartition)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "rbm(nv=30,nh=28) is too large to enumerate exactly: its hidden layer has 28 units"
                + " (2^28 states; the limit is 25 units)");
    assertThatThrownBy(() -> model.expectedParameterGradient(ops().zeros(30 * 28 + 58, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden layer has 28 units");
    assertThatThrownBy(() -> model.logPartitionEnumerating(Layer.VISIBLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visible layer has 30 units");
  }

  @Test
  void invalidInputsNameTheEntryAtFault() {
    double[] b = {0.1, 0.2};
    double[] c = {0.3};
    assertThatThrownBy(() -> BernoulliRbm.of(ops(), new double[][] {{1}}, b, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 rows");
    assertThatThrownBy(() -> BernoulliRbm.of(ops(), new double[][] {{1}, {1, 2}}, b, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 of length 2");
    assertThatThrownBy(() -> BernoulliRbm.of(ops(), new double[][] {{1}, {Double.NaN}}, b, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("W[1][0]");
    assertThatThrownBy(
            () -> BernoulliRbm.of(ops(), new double[][] {{1}, {1}}, b, new double[] {1 / 0.0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c[0]");
    assertThatThrownBy(() -> BernoulliRbm.random(ops(), 0, 3, 1, 1, RandomStream.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nv = 0");
    BernoulliRbm model = BernoulliRbm.random(ops(), 3, 2, 1, 1, RandomStream.of(1));
    assertThatThrownBy(() -> model.logDensityUnnormalized(ops().zeros(2, 4), ops().zeros(2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rbm(nv=3,nh=2)")
        .hasMessageContaining("2 x 4");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Host parameters of a model, for building it and its brute-force reference. */
  private record Parameters(double[][] w, double[] b, double[] c) {
    static Parameters random(int nv, int nh, double weightSd, double biasSd, RandomStream s) {
      double[][] w = new double[nv][nh];
      for (double[] row : w) {
        for (int j = 0; j < nh; j++) {
          row[j] = weightSd * s.nextGaussian();
        }
      }
      double[] b = new double[nv];
      double[] c = new double[nh];
      for (int i = 0; i < nv; i++) {
        b[i] = biasSd * s.nextGaussian();
      }
      for (int j = 0; j < nh; j++) {
        c[j] = biasSd * s.nextGaussian();
      }
      return new Parameters(w, b, c);
    }

    BernoulliRbm model(Ops ops) {
      return BernoulliRbm.of(ops, w, b, c);
    }

    RbmBruteForce bruteForce() {
      return new RbmBruteForce(w, b, c);
    }
  }

  /** A 4 x 3 model with weak weights and its exact marginal of v, for chi-square tests. */
  private final class SampleCheck {
    final BernoulliRbm model;
    final double[] probabilities;

    SampleCheck(long seed) {
      Parameters p = Parameters.random(4, 3, 0.5, 0.5, RandomStream.of(seed));
      model = p.model(ops());
      probabilities = p.bruteForce().visibleProbabilities();
      double minExpected = Arrays.stream(probabilities).min().orElseThrow() * CHAINS;
      assertThat(minExpected)
          .as("every expected count >= 5, for the chi-square approximation")
          .isGreaterThanOrEqualTo(5.0);
    }

    /** CHAINS independent exact draws of v by inverse CDF on the host. */
    Mat exactSamples(RandomStream stream) {
      double[] states = new double[CHAINS * 4];
      for (int r = 0; r < CHAINS; r++) {
        double u = stream.nextDouble();
        int s = 0;
        double cumulative = probabilities[0];
        while (cumulative <= u && s < probabilities.length - 1) {
          cumulative += probabilities[++s];
        }
        System.arraycopy(RbmBruteForce.bits(s, 4), 0, states, r * 4, 4);
      }
      return ops().fromHost(CHAINS, 4, states);
    }

    double pValue(Mat chains) {
      double[] x = ops().toHost(chains);
      long[] counts = new long[probabilities.length];
      for (int r = 0; r < chains.rows(); r++) {
        counts[RbmBruteForce.index(x, r, 4)]++;
      }
      return SamplingChecks.chiSquarePValue(probabilities, counts);
    }

    void assertFollowsMarginal(Mat chains, String what) {
      assertThat(pValue(chains))
          .as("chi-square p-value of %s (alpha = %s)", what, SamplingChecks.ALPHA)
          .isGreaterThan(SamplingChecks.ALPHA);
    }
  }

  private static double[] randomBits(int rows, int n, RandomStream stream) {
    double[] x = new double[rows * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = stream.nextDouble() < 0.5 ? 0.0 : 1.0;
    }
    return x;
  }
}
