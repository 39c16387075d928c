package org.ebmbench.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.ebmbench.conformance.Tolerances;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Estimators and samplers of the chain CRF beyond exact MLE: pseudo-likelihood (value against
 * brute-force conditionals, gradient by finite differences), CD (tends to the exact gradient),
 * the Gibbs sampler over labels and forward-filtering backward-sampling (chi-square against the
 * enumerated P(y|x)), and the exact KL against brute force.
 */
class ChainEstimatorsTest {
  private static final int ATTRIBUTES = 5;
  private static final int LABELS = 3;
  /** Significance of the chi-square tests, at fixed seeds. */
  private static final double ALPHA = 1e-3;

  private static int[] allRows(List<LabeledSequence> data) {
    return IntStream.range(0, data.size()).toArray();
  }

  @Test
  void pseudoLikelihoodIsTheSumOfBruteForceConditionals() {
    ChainCrf model = RandomChains.model(RandomStream.of(31), ATTRIBUTES, LABELS, 1.0);
    LabeledSequence s = RandomChains.labeled(RandomStream.of(32), ATTRIBUTES, LABELS, 5);
    double expected = 0;
    for (int t = 0; t < 5; t++) {
      double[] logWeights = new double[LABELS];
      for (int v = 0; v < LABELS; v++) {
        int[] y = s.y().clone();
        y[t] = v;
        logWeights[v] = model.score(s.x(), y);
      }
      expected += logWeights[s.y()[t]] - ForwardBackward.logSumExp(logWeights, 0, LABELS);
    }
    // A sum of 5 terms of order 1: round-off.
    assertThat(ChainPseudoLikelihood.value(model, s))
        .isCloseTo(expected, within(Tolerances.DOUBLE.roundOff() * 10));
  }

  @Test
  void pseudoLikelihoodGradientMatchesFiniteDifferences() {
    List<LabeledSequence> data = RandomChains.data(RandomStream.of(33), ATTRIBUTES, LABELS, 6, 6);
    double[] w = RandomChains.model(RandomStream.of(34), ATTRIBUTES, LABELS, 1.0).weights();
    double[] gradient = new double[w.length];
    new ChainPseudoLikelihood()
        .addGradient(ChainCrf.of(ATTRIBUTES, LABELS, w), data, allRows(data), gradient);
    Tolerances tol = Tolerances.DOUBLE;
    for (int k = 0; k < w.length; k++) {
      double h = tol.finiteDifferenceStep() * Math.max(1, Math.abs(w[k]));
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[k] += h;
      minus[k] -= h;
      double difference = (pseudoLikelihood(plus, data) - pseudoLikelihood(minus, data)) / (2 * h);
      // Central difference: truncation O(h^2) plus cancellation eps |PL| / h, both under the
      // kit's finite-difference tolerance times the objective's scale (|PL| is about 30 here).
      assertThat(gradient[k])
          .as("coordinate %d", k)
          .isCloseTo(difference, within(tol.finiteDifference() * 100));
    }
  }

  private static double pseudoLikelihood(double[] w, List<LabeledSequence> data) {
    ChainCrf model = ChainCrf.of(ATTRIBUTES, LABELS, w);
    double total = 0;
    for (LabeledSequence s : data) {
      total += ChainPseudoLikelihood.value(model, s);
    }
    return total;
  }

  @Test
  void exactGradientEstimatorIsTheObjectivesGradient() {
    List<LabeledSequence> data = RandomChains.data(RandomStream.of(35), ATTRIBUTES, LABELS, 5, 6);
    double[] w = RandomChains.model(RandomStream.of(36), ATTRIBUTES, LABELS, 1.0).weights();
    double[] expected = new double[w.length];
    try (ChainObjective f =
        new ChainObjective(ATTRIBUTES, LABELS, data, 0, 1, 1, new HostChainLikelihoodKernel())) {
      f.valueAndGradient(w, expected); // gradient of -sum log P, finite-difference tested
    }
    double[] gradient = new double[w.length];
    new ExactChainGradient()
        .addGradient(ChainCrf.of(ATTRIBUTES, LABELS, w), data, allRows(data), gradient);
    for (int k = 0; k < w.length; k++) {
      assertThat(gradient[k]).isCloseTo(-expected[k], within(Tolerances.DOUBLE.roundOff() * 10));
    }
  }

  /**
   * Mean of many CD-k estimates with k large enough to mix (a 4-position chain of 3 labels at
   * weight scale 0.7 mixes in a few sweeps) against the exact gradient. Each coordinate is an
   * average of n bounded draws (|phi difference| <= 2 per touch); tolerance 5 standard errors
   * of the per-coordinate sample mean, estimated from the draws.
   */
  @Test
  void contrastiveDivergenceTendsToTheExactGradient() {
    ChainCrf model = RandomChains.model(RandomStream.of(37), ATTRIBUTES, LABELS, 0.7);
    List<LabeledSequence> data =
        List.of(RandomChains.labeled(RandomStream.of(38), ATTRIBUTES, LABELS, 4));
    double[] exact = new double[model.weights().length];
    new ExactChainGradient().addGradient(model, data, new int[] {0}, exact);
    ChainContrastiveDivergence cd = new ChainContrastiveDivergence(10, false, RandomStream.of(39));
    int n = 20000;
    double[] sum = new double[exact.length];
    double[] sumSquares = new double[exact.length];
    for (int i = 0; i < n; i++) {
      double[] g = new double[exact.length];
      cd.addGradient(model, data, new int[] {0}, g);
      for (int k = 0; k < g.length; k++) {
        sum[k] += g[k];
        sumSquares[k] += g[k] * g[k];
      }
    }
    for (int k = 0; k < exact.length; k++) {
      double mean = sum[k] / n;
      double variance = Math.max(sumSquares[k] / n - mean * mean, 0);
      double standardError = Math.sqrt(variance / n);
      assertThat(mean).as("coordinate %d", k).isCloseTo(exact[k], within(5 * standardError + 1e-12));
    }
  }

  @Test
  void gibbsOverLabelsSamplesTheConditional() {
    ChainCrf model = RandomChains.model(RandomStream.of(41), ATTRIBUTES, LABELS, 1.0);
    Sequence x = RandomChains.sequence(RandomStream.of(42), ATTRIBUTES, 3);
    RandomStream random = RandomStream.of(43);
    long[] counts = new long[27];
    // Independent chains from a fixed start, 25 sweeps each: far past mixing at this scale, and
    // independent draws are what the chi-square test assumes.
    for (int i = 0; i < 20000; i++) {
      int[] y = new int[3];
      ChainGibbs.run(model, x, y, 25, random);
      counts[code(y)]++;
    }
    assertThat(pValue(model, x, counts)).isGreaterThan(ALPHA);
  }

  @Test
  void forwardFilteringBackwardSamplingIsExact() {
    ChainCrf model = RandomChains.model(RandomStream.of(44), ATTRIBUTES, LABELS, 1.5);
    Sequence x = RandomChains.sequence(RandomStream.of(45), ATTRIBUTES, 3);
    ForwardBackward fb = model.forwardBackward(x);
    RandomStream random = RandomStream.of(46);
    long[] counts = new long[27];
    for (int i = 0; i < 20000; i++) {
      counts[code(fb.sample(random))]++;
    }
    assertThat(pValue(model, x, counts)).isGreaterThan(ALPHA);
  }

  /** A test that can fail: the sampler's counts against a different model's probabilities. */
  @Test
  void theChiSquareCheckRejectsTheWrongDistribution() {
    ChainCrf model = RandomChains.model(RandomStream.of(44), ATTRIBUTES, LABELS, 1.5);
    ChainCrf other = RandomChains.model(RandomStream.of(47), ATTRIBUTES, LABELS, 1.5);
    Sequence x = RandomChains.sequence(RandomStream.of(45), ATTRIBUTES, 3);
    ForwardBackward fb = other.forwardBackward(x);
    RandomStream random = RandomStream.of(46);
    long[] counts = new long[27];
    for (int i = 0; i < 20000; i++) {
      counts[code(fb.sample(random))]++;
    }
    assertThat(pValue(model, x, counts)).isLessThan(ALPHA);
  }

  private static int code(int[] y) {
    int code = 0;
    for (int t = y.length - 1; t >= 0; t--) {
      code = code * LABELS + y[t];
    }
    return code;
  }

  private static double pValue(ChainCrf model, Sequence x, long[] counts) {
    double logZ = new ChainBruteForce(model, x).logPartition;
    double[] p = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      p[c] = Math.exp(model.score(x, ChainBruteForce.decode(c, LABELS, x.length())) - logZ);
    }
    return ChiSquareTest.withDefaults().test(p, counts).getPValue();
  }

  @Test
  void klMatchesBruteForce() {
    ChainCrf truth = RandomChains.model(RandomStream.of(48), ATTRIBUTES, LABELS, 1.0);
    ChainCrf model = RandomChains.model(RandomStream.of(49), ATTRIBUTES, LABELS, 1.0);
    Sequence x = RandomChains.sequence(RandomStream.of(50), ATTRIBUTES, 5);
    double logZp = new ChainBruteForce(truth, x).logPartition;
    double logZq = new ChainBruteForce(model, x).logPartition;
    double expected = 0;
    for (int c = 0; c < (int) Math.pow(LABELS, 5); c++) {
      int[] y = ChainBruteForce.decode(c, LABELS, 5);
      double logP = truth.score(x, y) - logZp;
      expected += Math.exp(logP) * (logP - model.score(x, y) + logZq);
    }
    assertThat(expected).isGreaterThan(0.1);
    // Sums of 243 terms of order 1: round-off.
    assertThat(ChainDivergence.kl(truth, model, x))
        .isCloseTo(expected, within(Tolerances.DOUBLE.roundOff() * 100));
    assertThat(ChainDivergence.kl(truth, truth, x)).isCloseTo(0, within(1e-12));
  }

  @Test
  void syntheticTaskIsSeededAndItsTruthHasZeroKl() {
    SyntheticChainTask a = SyntheticChainTask.generate(20, 3, 2, 6, 30, 10, 1.0, 5);
    SyntheticChainTask b = SyntheticChainTask.generate(20, 3, 2, 6, 30, 10, 1.0, 5);
    assertThat(a.truth().weights()).containsExactly(b.truth().weights());
    assertThat(a.train().get(7).y()).containsExactly(b.train().get(7).y());
    assertThat(a.meanHeldOutKl(a.truth())).isCloseTo(0, within(1e-12));
    ChainCrf zero = ChainCrf.of(20, 3, new double[a.truth().weights().length]);
    assertThat(a.meanHeldOutKl(zero)).isGreaterThan(0.5);
  }
}
