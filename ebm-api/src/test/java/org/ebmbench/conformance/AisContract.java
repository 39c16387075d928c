package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ebmbench.data.BarsAndStripes;
import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.metric.AisEstimate;
import org.ebmbench.metric.AisHeldOutLogLikelihood;
import org.ebmbench.metric.AnnealedImportanceSampling;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.RaiseHeldOutLogLikelihood;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.Domain;
import org.ebmbench.model.IsingModel;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * AIS estimates of log Z against the exact value on RBMs small enough to enumerate. The acceptance
 * bounds are the issue's: within 3 standard errors (a two-sided 0.003 test if the error bars are
 * honest) and within 0.5 nats, at fixed seeds.
 */
public abstract class AisContract extends EngineContract {
  /** Standard errors allowed between the estimate and the exact value. */
  private static final double STANDARD_ERRORS = 3.0;

  /** The absolute bound on the AIS error, in nats. */
  private static final double NATS = 0.5;

  @Test
  void estimatesLandWithinThreeStandardErrorsAndHalfANatOfTheExactLogZ() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 20, 14, 0.5, 0.5, RandomStream.of(81));
    double exact = model.logPartition();
    double[] base = AnnealedImportanceSampling.baseRateBiases(gibbsData(model, 82));
    for (long seed = 1; seed <= 5; seed++) {
      AnnealedImportanceSampling ais =
          new AnnealedImportanceSampling(
              base, AnnealedImportanceSampling.linearTemperatures(1000), 100, seed);
      Measurement estimate = ais.logPartition(model);
      assertThat(estimate.hasStandardError()).isTrue();
      assertThat(estimate.value())
          .as("%s, exact log Z %s", ais.describe(), exact)
          .isCloseTo(exact, within(STANDARD_ERRORS * estimate.standardError()))
          .isCloseTo(exact, within(NATS));
    }
  }

  @Test
  void aMultimodalModelGetsHonestErrorBarsOnShortAndLongPaths() {
    // One hidden unit per line of a 4 x 4 grid, with strong weights: the modes are unions of
    // lines, separated by many flipped pixels, like an RBM trained on bars and stripes. With
    // K = 100 the standard error is ~0.1 nats and errors of ~0.3 occur (measured once over 10
    // seeds); K = 1000 brings both down by ~3.
    BernoulliRbm model = linesModel(ops(), 5.0);
    double exact = model.logPartition();
    double[] base = AnnealedImportanceSampling.baseRateBiases(BarsAndStripes.patterns(4));
    for (int steps : new int[] {100, 1000}) {
      for (long seed = 1; seed <= 5; seed++) {
        AnnealedImportanceSampling ais =
            new AnnealedImportanceSampling(
                base, AnnealedImportanceSampling.linearTemperatures(steps), 100, seed);
        Measurement estimate = ais.logPartition(model);
        assertThat(estimate.value())
            .as("%s, exact log Z %s", ais.describe(), exact)
            .isCloseTo(exact, within(STANDARD_ERRORS * estimate.standardError()));
        if (steps == 1000) {
          assertThat(estimate.value()).isCloseTo(exact, within(NATS));
        }
      }
    }
  }

  @Test
  void twentyHiddenUnitsOnTopOfTheLines() {
    // The size: 20 hidden units, the 8 line detectors plus 12 with random weights of sd
    // 0.5; exact log Z enumerates the 2^16 visible states.
    BernoulliRbm lines = linesModel(ops(), 4.0);
    double[] theta = lines.parameterValues();
    double[][] w = new double[16][20];
    RandomStream stream = RandomStream.of(89);
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 20; j++) {
        w[i][j] = j < 8 ? theta[BernoulliRbm.weightIndex(8, i, j)] : 0.5 * stream.nextGaussian();
      }
    }
    double[] c = new double[20];
    System.arraycopy(theta, 16 * 8 + 16, c, 0, 8);
    BernoulliRbm model =
        BernoulliRbm.of(ops(), w, Arrays.copyOfRange(theta, 16 * 8, 16 * 8 + 16), c);
    double exact = model.logPartition();
    double[] base = AnnealedImportanceSampling.baseRateBiases(BarsAndStripes.patterns(4));
    for (long seed = 1; seed <= 3; seed++) {
      AnnealedImportanceSampling ais =
          new AnnealedImportanceSampling(
              base, AnnealedImportanceSampling.linearTemperatures(1000), 100, seed);
      Measurement estimate = ais.logPartition(model);
      assertThat(estimate.value())
          .as("%s, exact log Z %s", ais.describe(), exact)
          .isCloseTo(exact, within(STANDARD_ERRORS * estimate.standardError()))
          .isCloseTo(exact, within(NATS));
    }
  }

  @Test
  void reverseAnnealingFromExactSamplesBoundsLogZFromAbove() {
    // Started from exact samples of the RBM, E[exp(-R)] = 1/Z (Grosse et al.'s bidirectional
    // check), so -log mean exp(-R) estimates log Z from above as the forward runs do from below;
    // its error bar is the delta method's, as for the forward weights.
    BernoulliRbm model = linesModel(ops(), 3.0);
    double exact = model.logPartition();
    double[] base = AnnealedImportanceSampling.baseRateBiases(BarsAndStripes.patterns(4));
    Mat samples = exactSamples(model, 200, 94);
    for (long seed = 1; seed <= 3; seed++) {
      AnnealedImportanceSampling ais =
          new AnnealedImportanceSampling(
              base, AnnealedImportanceSampling.salakhutdinovMurrayTemperatures(300), 100, seed);
      double[] reverse = ais.reverseLogPartitions(model, samples);
      double[] negated = Arrays.stream(reverse).map(r -> -r).toArray();
      AisEstimate inverse = AisEstimate.of(0.0, negated);
      assertThat(-inverse.logZ())
          .as("%s reverse, exact log Z %s", ais.describe(), exact)
          .isCloseTo(exact, within(STANDARD_ERRORS * inverse.standardError()))
          .isCloseTo(exact, within(NATS));
    }
  }

  @Test
  void raiseIsConservativeWhereAisIsOptimistic() {
    // On the lines model the held-out patterns are among its modes. Forward AIS overestimates the
    // likelihood on average and RAISE underestimates it (in practice, not by a theorem): each must
    // land on its own side of the exact value or within 3 standard errors of it. That a longer
    // path closes RAISE's gap is checked on the cpu engine alone (AisHonestyTest), being slow.
    BernoulliRbm model = linesModel(ops(), 3.0);
    Dataset patterns = BarsAndStripes.patterns(4);
    Mat rows = patterns.toEngine(ops());
    double exact = HeldOutLogLikelihood.mean(model, rows);
    AnnealedImportanceSampling ais =
        new AnnealedImportanceSampling(
            AnnealedImportanceSampling.baseRateBiases(patterns),
            AnnealedImportanceSampling.salakhutdinovMurrayTemperatures(300),
            100,
            95);
    RaiseHeldOutLogLikelihood raise = new RaiseHeldOutLogLikelihood(rows, ais);
    Measurement conservative = raise.evaluate(model);
    assertThat(raise.name()).isEqualTo("heldOutLogLikelihoodRaise");
    assertThat(conservative.hasStandardError()).isTrue();
    assertThat(conservative.value())
        .isLessThanOrEqualTo(exact + STANDARD_ERRORS * conservative.standardError());
    Measurement optimistic = new AisHeldOutLogLikelihood(rows, ais).evaluate(model);
    assertThat(optimistic.value())
        .isGreaterThanOrEqualTo(exact - STANDARD_ERRORS * optimistic.standardError());
    // The value is mean f - mean R over the same reverse chains (same seed, same draws).
    double[] reverse = ais.reverseLogPartitions(model, rows);
    Mat logDensity = ops().zeros(rows.rows(), 1);
    model.logDensityUnnormalized(rows, logDensity);
    double meanReverse = Arrays.stream(reverse).average().orElseThrow();
    assertThat(conservative.value())
        .isCloseTo(
            ops().sum(logDensity) / rows.rows() - meanReverse,
            within(tolerances().roundOff() * Math.abs(meanReverse)));
  }

  /** {@code n} exact draws from the visible marginal of a model with few visible units. */
  private Mat exactSamples(BernoulliRbm model, int n, long seed) {
    int nv = model.visibleCount();
    int states = 1 << nv;
    Mat all = ops().zeros(states, nv);
    ops().binaryStates(0, 0.0, 1.0, all);
    Mat logDensity = ops().zeros(states, 1);
    model.logDensityUnnormalized(all, logDensity);
    double logZ = ops().logSumExp(logDensity);
    double[] log = ops().toHost(logDensity);
    double[] cumulative = new double[states];
    double total = 0.0;
    for (int s = 0; s < states; s++) {
      total += Math.exp(log[s] - logZ);
      cumulative[s] = total;
    }
    RandomStream stream = RandomStream.of(seed);
    int[] picked = new int[n];
    for (int i = 0; i < n; i++) {
      int found = Arrays.binarySearch(cumulative, stream.nextDouble() * total);
      picked[i] = Math.min(found >= 0 ? found : -found - 1, states - 1);
    }
    Mat samples = ops().zeros(n, nv);
    ops().gatherRows(all, picked, samples);
    return samples;
  }

  /**
   * W_ij = s if pixel i lies on line j of a 4 x 4 grid (rows 0-3, then columns), b = -s/2, c =
   * -2s: a multimodal model whose modes are unions of lines.
   */
  public static BernoulliRbm linesModel(Ops ops, double s) {
    double[][] w = new double[16][8];
    double[] b = new double[16];
    for (int i = 0; i < 16; i++) {
      w[i][i / 4] = s;
      w[i][4 + i % 4] = s;
      b[i] = -s / 2;
    }
    double[] c = new double[8];
    Arrays.fill(c, -2 * s);
    return BernoulliRbm.of(ops, w, b, c);
  }

  @Test
  void withoutWeightsTheBaseModelIsExactAndTheErrorIsZero() {
    // W = 0, hidden biases 0, visible biases equal to the base: every weight increment is 0.
    double[] b = {0.3, -1.2, 0.8};
    BernoulliRbm model = BernoulliRbm.of(ops(), new double[3][2], b, new double[2]);
    Measurement estimate =
        new AnnealedImportanceSampling(b, AnnealedImportanceSampling.linearTemperatures(10), 4, 1)
            .logPartition(model);
    assertThat(estimate.value())
        .isCloseTo(model.logPartition(), within(tolerances().roundOff() * model.logPartition()));
    assertThat(estimate.standardError()).isEqualTo(0.0);
  }

  @Test
  void heldOutLogLikelihoodSubtractsTheEstimateFromTheMeanLogDensity() {
    BernoulliRbm model = linesModel(ops(), 3.0);
    Dataset patterns = BarsAndStripes.patterns(4);
    AnnealedImportanceSampling ais =
        new AnnealedImportanceSampling(
            AnnealedImportanceSampling.baseRateBiases(patterns),
            AnnealedImportanceSampling.linearTemperatures(300),
            100,
            88);
    AisHeldOutLogLikelihood metric = new AisHeldOutLogLikelihood(patterns.toEngine(ops()), ais);
    Measurement estimate = metric.evaluate(model);
    Measurement logZ = ais.logPartition(model);
    double exact = HeldOutLogLikelihood.mean(model, patterns.toEngine(ops()));
    assertThat(metric.name()).isEqualTo("heldOutLogLikelihoodAis");
    assertThat(estimate.standardError()).isEqualTo(logZ.standardError());
    // The mean of f is the same in both, so the difference is the log Z estimate's error alone, up
    // to the round-off of a few subtractions of numbers no larger than log Z.
    double logZExact = model.logPartition();
    assertThat(estimate.value())
        .isCloseTo(exact - (logZ.value() - logZExact), within(tolerances().roundOff() * logZExact));
    assertThat(estimate.value())
        .isCloseTo(exact, within(STANDARD_ERRORS * estimate.standardError()));
    assertThatThrownBy(
            () -> metric.evaluate(IsingModel.random(ops(), 16, 1.0, 1.0, RandomStream.of(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BernoulliRbm");
  }

  @Test
  void theSameSeedGivesTheSameEstimate() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 6, 4, 1.0, 0.5, RandomStream.of(86));
    AnnealedImportanceSampling ais =
        new AnnealedImportanceSampling(
            new double[6], AnnealedImportanceSampling.linearTemperatures(20), 10, 87);
    assertThat(ais.logPartition(model)).isEqualTo(ais.logPartition(model));
  }

  @Test
  void schedulesAndBaseRates() {
    double[] sm = AnnealedImportanceSampling.salakhutdinovMurrayTemperatures();
    assertThat(sm).hasSize(14_501);
    assertThat(sm[0]).isEqualTo(0.0);
    assertThat(sm[500]).isEqualTo(0.5);
    assertThat(sm[4500]).isEqualTo(0.9);
    assertThat(sm[14_500]).isEqualTo(1.0);
    for (int k = 1; k < sm.length; k++) {
      assertThat(sm[k]).isGreaterThan(sm[k - 1]);
    }
    // The same shape at 29 steps: 1 step to 0.5, 8 to 0.9, 20 to 1.
    double[] short29 = AnnealedImportanceSampling.salakhutdinovMurrayTemperatures(29);
    assertThat(short29[1]).isCloseTo(0.5, within(tolerances().roundOff()));
    assertThat(short29[9]).isCloseTo(0.9, within(tolerances().roundOff()));
    assertThat(short29[19]).isCloseTo(0.95, within(tolerances().roundOff()));
    assertThat(short29[29]).isEqualTo(1.0);
    assertThat(AnnealedImportanceSampling.linearTemperatures(4))
        .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
    Dataset data =
        Dataset.ofRows("d", new double[][] {{1, 0, 1}, {1, 0, 0}, {1, 0, 1}}, Domain.BINARY);
    // p = (count + 1) / (n + 2): 4/5, 1/5, 3/5.
    assertThat(AnnealedImportanceSampling.baseRateBiases(data))
        .containsExactly(
            new double[] {Math.log(4.0), Math.log(0.25), Math.log(1.5)},
            within(tolerances().roundOff()));
  }

  @Test
  void invalidSettingsAreNamed() {
    assertThatThrownBy(
            () -> new AnnealedImportanceSampling(new double[2], new double[] {0, 0.9}, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 0.0 to 0.9");
    assertThatThrownBy(
            () ->
                new AnnealedImportanceSampling(new double[2], new double[] {0, 0.6, 0.5, 1}, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta_2 = 0.5 after beta_1 = 0.6");
    assertThatThrownBy(
            () -> new AnnealedImportanceSampling(new double[2], new double[] {0, 1}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1");
    BernoulliRbm model = BernoulliRbm.random(ops(), 3, 2, 1.0, 1.0, RandomStream.of(1));
    assertThatThrownBy(
            () ->
                new AnnealedImportanceSampling(new double[2], new double[] {0, 1}, 2, 1)
                    .logPartition(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rbm(nv=3,nh=2)");
  }

  /** 2000 visible states from block Gibbs chains on {@code model}, for fitting a base rate. */
  private Dataset gibbsData(BernoulliRbm model, long seed) {
    Mat chains = ops().zeros(2000, model.visibleCount());
    RandomStream stream = RandomStream.of(seed);
    for (int sweep = 0; sweep < 100; sweep++) {
      model.gibbsSweep(chains, stream);
    }
    return Dataset.of("gibbs", 2000, model.visibleCount(), ops().toHost(chains), Domain.BINARY);
  }
}
