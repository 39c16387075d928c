package org.ebmbench.crf;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.random.RandomStream;

/**
 * A synthetic chain-CRF task whose truth is known: a random chain CRF (all weights N(0,
 * weightScale^2)), observation sequences with {@code attributesPerPosition} attributes drawn
 * uniformly at each position, and labels drawn exactly from the true P(y|x) by forward filtering,
 * backward sampling. So KL(truth || learned), averaged over the held-out x, is exact.
 *
 * @param truth the model the labels were drawn from
 * @param train training sequences
 * @param test held-out sequences
 */
public record SyntheticChainTask(
    ChainCrf truth, List<LabeledSequence> train, List<LabeledSequence> test) {

  /** Generates the task; everything derives from {@code seed}. */
  public static SyntheticChainTask generate(
      int attributes,
      int labels,
      int attributesPerPosition,
      int length,
      int trainCount,
      int testCount,
      double weightScale,
      long seed) {
    if (attributes < 1 || attributesPerPosition < 1 || length < 1 || trainCount < 1
        || testCount < 1 || !(weightScale >= 0)) {
      throw new IllegalArgumentException(
          "synthetic chain task: needs positive sizes and weightScale >= 0, got attributes = "
              + attributes + ", attributesPerPosition = " + attributesPerPosition + ", length = "
              + length + ", train = " + trainCount + ", test = " + testCount
              + ", weightScale = " + weightScale);
    }
    RandomStream weightStream = RandomStream.derive(seed, "chain-truth");
    double[] w = new double[ChainCrf.parameterCount(attributes, labels)];
    for (int k = 0; k < w.length; k++) {
      w[k] = weightScale * weightStream.nextGaussian();
    }
    ChainCrf truth = ChainCrf.of(attributes, labels, w);
    RandomStream trainStream = RandomStream.derive(seed, "chain-train");
    RandomStream testStream = RandomStream.derive(seed, "chain-test");
    return new SyntheticChainTask(
        truth,
        draw(truth, attributesPerPosition, length, trainCount, trainStream),
        draw(truth, attributesPerPosition, length, testCount, testStream));
  }

  private static List<LabeledSequence> draw(
      ChainCrf truth, int perPosition, int length, int count, RandomStream random) {
    List<LabeledSequence> result = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int[][] at = new int[length][perPosition];
      for (int t = 0; t < length; t++) {
        for (int k = 0; k < perPosition; k++) {
          at[t][k] = random.nextInt(truth.numAttributes());
        }
      }
      Sequence x = new Sequence(at);
      result.add(new LabeledSequence(x, truth.forwardBackward(x).sample(random)));
    }
    return List.copyOf(result);
  }

  /** KL(truth || model) averaged over the held-out observation sequences. */
  public double meanHeldOutKl(ChainCrf model) {
    double total = 0;
    for (LabeledSequence s : test) {
      total += ChainDivergence.kl(truth, model, s.x());
    }
    return total / test.size();
  }
}
