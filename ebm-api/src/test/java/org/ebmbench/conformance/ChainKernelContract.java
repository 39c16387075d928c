package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.crf.ChainCrf;
import org.ebmbench.crf.ChainLikelihoodKernel;
import org.ebmbench.crf.ChainObjective;
import org.ebmbench.crf.EngineChainLikelihoodKernel;
import org.ebmbench.crf.HostChainLikelihoodKernel;
import org.ebmbench.crf.LabeledSequence;
import org.ebmbench.crf.Sequence;
import org.ebmbench.engine.Precision;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The engine's batched chain-CRF forward-backward ({@link EngineChainLikelihoodKernel}) agrees
 * with the host reference ({@link HostChainLikelihoodKernel}) on the log-likelihood and gradient
 * of blocks of sequences of mixed lengths (1 to 12 positions, so the packed layout loses running
 * sequences at many positions).
 *
 * <p>Tolerance, from the precision's unit round-off u (2^-53 double, 2^-24 float): every log-message
 * and log Z(x) of a sequence of T positions is bounded in magnitude by M = sum_t (max_y |s_t(y)| +
 * max |A| + log L), s_t the position scores. A forward or backward step rounds about four values
 * of that magnitude and sums L terms, an error of at most u (4 M + L); T steps give a log Z(x)
 * error below 8 T u (M + L) (a factor 2 of safety). A marginal exp(alpha + beta - log Z) then has
 * a relative error below three such bounds, so a gradient entry is off by at most that relative
 * error times the sum of the marginals it holds, plus the rounding of the additions into it.
 */
public abstract class ChainKernelContract extends EngineContract {
  private static final int ATTRIBUTES = 30;
  private static final int LABELS = 5;
  private static final int MAX_ATTRIBUTES_PER_POSITION = 3;

  @Test
  void agreesWithTheHostKernelOnMixedLengths() {
    checkAgainstHost(1.0, 40, 1);
  }

  @Test
  void agreesWithTheHostKernelOnLargeWeights() {
    checkAgainstHost(5.0, 25, 2);
  }

  @Test
  void agreesOnABlockOfOneSequence() {
    checkAgainstHost(1.0, 1, 3);
  }

  @Test
  void leavesTransitionsBeyondItsLimitToTheHostKernel() {
    RandomStream random = RandomStream.of(4);
    List<LabeledSequence> block = data(random, 10);
    double[] w = weights(random, 1.0);
    // A transition spread of 800 exceeds both precisions' limits (600 and 60).
    int transitions = ATTRIBUTES * LABELS;
    w[transitions] = 400;
    w[transitions + 1] = -400;
    ChainCrf model = ChainCrf.of(ATTRIBUTES, LABELS, w);
    double[] host = new double[w.length];
    double[] engine = new double[w.length];
    double hostValue = new HostChainLikelihoodKernel().addLogLikelihoodGradient(model, block, host);
    double engineValue =
        new EngineChainLikelihoodKernel(ops()).addLogLikelihoodGradient(model, block, engine);
    assertThat(engineValue).isEqualTo(hostValue);
    assertThat(engine).containsExactly(host);
  }

  /**
   * The objective's blocks may call one kernel from several threads at once: two threads must give
   * the bits of one (Ops results are deterministic, and each block has its own matrices).
   */
  @Test
  void servesAnObjectiveOnTwoThreads() {
    RandomStream random = RandomStream.of(5);
    List<LabeledSequence> data = data(random, 60);
    double[] w = weights(random, 1.0);
    ChainLikelihoodKernel kernel = new EngineChainLikelihoodKernel(ops());
    double[] oneThread = new double[w.length];
    double[] twoThreads = new double[w.length];
    try (ChainObjective one = new ChainObjective(ATTRIBUTES, LABELS, data, 0.5, 4, 1, kernel);
        ChainObjective two = new ChainObjective(ATTRIBUTES, LABELS, data, 0.5, 4, 2, kernel)) {
      double value = one.valueAndGradient(w, oneThread);
      assertThat(two.valueAndGradient(w, twoThreads)).isEqualTo(value);
      assertThat(twoThreads).containsExactly(oneThread);
    }
  }

  private void checkAgainstHost(double scale, int count, long seed) {
    RandomStream random = RandomStream.of(seed);
    List<LabeledSequence> block = data(random, count);
    double[] w = weights(random, scale);
    ChainCrf model = ChainCrf.of(ATTRIBUTES, LABELS, w);
    // Both kernels add into a gradient that already holds something.
    double[] host = new double[w.length];
    for (int k = 0; k < host.length; k++) {
      host[k] = random.nextGaussian();
    }
    double[] initial = host.clone();
    double[] engine = host.clone();
    double hostValue = new HostChainLikelihoodKernel().addLogLikelihoodGradient(model, block, host);
    double engineValue =
        new EngineChainLikelihoodKernel(ops()).addLogLikelihoodGradient(model, block, engine);

    double unit = ops().precision() == Precision.DOUBLE ? 0x1p-53 : 0x1p-24;
    double valueBound = 0;
    double worstRelative = 0;
    for (LabeledSequence sequence : block) {
      int length = sequence.y().length;
      double sequenceBound = 8 * length * unit * (magnitude(model, sequence.x()) + LABELS);
      valueBound += sequenceBound;
      worstRelative = Math.max(worstRelative, 3 * sequenceBound);
    }
    assertThat(engineValue).as("log-likelihood").isCloseTo(hostValue, within(valueBound));
    // Entry k sums empirical counts (exact) and marginals; the marginals sum to
    // empirical - (host gradient - initial gradient).
    // Both kernels also round each of their at most 2 * positions additions into the entry.
    double[] empirical = empiricalCounts(model, block);
    int positions = block.stream().mapToInt(sequence -> sequence.y().length).sum();
    for (int k = 0; k < w.length; k++) {
      double marginals = empirical[k] - (host[k] - initial[k]);
      double additions =
          4 * positions * unit * (Math.abs(initial[k]) + empirical[k] + marginals);
      assertThat(engine[k])
          .as("gradient entry %d", k)
          .isCloseTo(host[k], within(worstRelative * marginals + additions));
    }
  }

  /**
   * The bound M on the log-messages of x: the sum over positions of the largest |score| there,
   * plus the largest |transition| and log L per step.
   */
  private static double magnitude(ChainCrf model, Sequence x) {
    double[] w = model.weights();
    double transition = 0;
    for (int i = 0; i < LABELS; i++) {
      for (int j = 0; j < LABELS; j++) {
        transition = Math.max(transition, Math.abs(w[model.transitionIndex(i, j)]));
      }
    }
    double total = 0;
    for (int t = 0; t < x.length(); t++) {
      double largest = 0;
      for (int y = 0; y < LABELS; y++) {
        double score = 0;
        for (int a : x.attributes(t)) {
          score += w[model.emissionIndex(a, y)];
        }
        score += t == 0 ? w[model.startIndex(y)] : 0;
        score += t == x.length() - 1 ? w[model.endIndex(y)] : 0;
        largest = Math.max(largest, Math.abs(score));
      }
      total += largest + transition + Math.log(LABELS);
    }
    return total;
  }

  /** phi summed over the block, by plain loops over the public parameter layout. */
  private static double[] empiricalCounts(ChainCrf model, List<LabeledSequence> block) {
    double[] counts = new double[ChainCrf.parameterCount(ATTRIBUTES, LABELS)];
    for (LabeledSequence sequence : block) {
      int[] y = sequence.y();
      for (int t = 0; t < y.length; t++) {
        for (int a : sequence.x().attributes(t)) {
          counts[model.emissionIndex(a, y[t])]++;
        }
        if (t > 0) {
          counts[model.transitionIndex(y[t - 1], y[t])]++;
        }
      }
      counts[model.startIndex(y[0])]++;
      counts[model.endIndex(y[y.length - 1])]++;
    }
    return counts;
  }

  private static double[] weights(RandomStream random, double scale) {
    double[] w = new double[ChainCrf.parameterCount(ATTRIBUTES, LABELS)];
    for (int k = 0; k < w.length; k++) {
      w[k] = scale * random.nextGaussian();
    }
    return w;
  }

  /** Sequences of 1 to 12 positions with 0 to 3 attributes each and uniform labels. */
  private static List<LabeledSequence> data(RandomStream random, int count) {
    List<LabeledSequence> data = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int length = 1 + random.nextInt(12);
      int[][] attributes = new int[length][];
      int[] y = new int[length];
      for (int t = 0; t < length; t++) {
        attributes[t] = new int[random.nextInt(MAX_ATTRIBUTES_PER_POSITION + 1)];
        for (int k = 0; k < attributes[t].length; k++) {
          attributes[t][k] = random.nextInt(ATTRIBUTES);
        }
        y[t] = random.nextInt(LABELS);
      }
      data.add(new LabeledSequence(new Sequence(attributes), y));
    }
    return data;
  }
}
