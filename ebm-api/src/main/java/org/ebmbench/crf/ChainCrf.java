package org.ebmbench.crf;

import org.ebmbench.data.InvalidDataException;

/**
 * A linear-chain conditional random field over label sequences y in {0..L-1}^T given an
 * observation sequence x: P(y|x) = exp(f(x,y)) / Z(x) with
 *
 * <pre>
 *   f(x,y) = start[y_0] + sum_t sum_{a in x_t} W[a, y_t] + sum_{t>=1} A[y_{t-1}, y_t] + end[y_{T-1}]
 * </pre>
 *
 * where W (attributes x labels) weighs the binary attributes firing at each position, A (labels x
 * labels) the label transitions, and start/end the first and last label.
 *
 * <p>All parameters live in one flat vector, in this order: W row-major (index a * L + y), A
 * row-major (i * L + j), start, end. The model reads that vector directly (no copy) when made by
 * {@link #view}, so an optimizer can move the weights without rebuilding the model.
 */
public final class ChainCrf {
  private final int numAttributes;
  private final int numLabels;
  private final double[] weights;

  private ChainCrf(int numAttributes, int numLabels, double[] weights) {
    if (numAttributes < 0 || numLabels < 1) {
      throw new IllegalArgumentException(
          "chain CRF: needs numAttributes >= 0 and numLabels >= 1, got "
              + numAttributes
              + " and "
              + numLabels);
    }
    int expected = parameterCount(numAttributes, numLabels);
    if (weights.length != expected) {
      throw new IllegalArgumentException(
          "chain CRF: weights has length "
              + weights.length
              + ", expected "
              + expected
              + " for "
              + numAttributes
              + " attributes and "
              + numLabels
              + " labels");
    }
    this.numAttributes = numAttributes;
    this.numLabels = numLabels;
    this.weights = weights;
  }

  /** A model with the given weights (copied), laid out as the class comment says. */
  public static ChainCrf of(int numAttributes, int numLabels, double[] weights) {
    return new ChainCrf(numAttributes, numLabels, weights.clone());
  }

  /** A model reading {@code weights} in place: later changes to the array change the model. */
  public static ChainCrf view(int numAttributes, int numLabels, double[] weights) {
    return new ChainCrf(numAttributes, numLabels, weights);
  }

  /** Length of the parameter vector: A * L + L * L + 2 * L. */
  public static int parameterCount(int numAttributes, int numLabels) {
    long count = (long) numAttributes * numLabels + (long) numLabels * numLabels + 2L * numLabels;
    if (count > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "chain CRF: " + numAttributes + " attributes x " + numLabels + " labels is too many");
    }
    return (int) count;
  }

  public int numAttributes() {
    return numAttributes;
  }

  public int numLabels() {
    return numLabels;
  }

  /** A copy of the flat parameter vector. */
  public double[] weights() {
    return weights.clone();
  }

  double[] weightsView() {
    return weights;
  }

  /** Index of W[a, y] in the parameter vector. */
  public int emissionIndex(int attribute, int label) {
    return attribute * numLabels + label;
  }

  /** Index of A[from, to] in the parameter vector. */
  public int transitionIndex(int from, int to) {
    return numAttributes * numLabels + from * numLabels + to;
  }

  /** Index of start[label] in the parameter vector. */
  public int startIndex(int label) {
    return numAttributes * numLabels + numLabels * numLabels + label;
  }

  /** Index of end[label] in the parameter vector. */
  public int endIndex(int label) {
    return startIndex(label) + numLabels;
  }

  /**
   * The per-position label scores: entry t * L + y is sum_{a in x_t} W[a, y], plus start[y] at t =
   * 0 and end[y] at t = T-1, so f(x,y) is the sum of these entries along y plus the transitions.
   */
  double[] positionScores(Sequence x) {
    int length = x.length();
    int labels = numLabels;
    double[] scores = new double[length * labels];
    for (int t = 0; t < length; t++) {
      int row = t * labels;
      for (int a : x.attributesAt(t)) {
        if (a >= numAttributes) {
          throw new InvalidDataException(
              "chain CRF: attribute id " + a + " at position " + t + " >= " + numAttributes);
        }
        int base = a * labels;
        for (int y = 0; y < labels; y++) {
          scores[row + y] += weights[base + y];
        }
      }
    }
    int startBase = startIndex(0);
    int endBase = endIndex(0);
    int last = (length - 1) * labels;
    for (int y = 0; y < labels; y++) {
      scores[y] += weights[startBase + y];
      scores[last + y] += weights[endBase + y];
    }
    return scores;
  }

  /** The unnormalized log-probability f(x, y). */
  public double score(Sequence x, int[] y) {
    checkLabels(x, y);
    double[] scores = positionScores(x);
    double total = 0;
    for (int t = 0; t < y.length; t++) {
      total += scores[t * numLabels + y[t]];
      if (t > 0) {
        total += weights[transitionIndex(y[t - 1], y[t])];
      }
    }
    return total;
  }

  /** Exact log Z(x), node and edge marginals by forward-backward in log space. */
  public ForwardBackward forwardBackward(Sequence x) {
    return ForwardBackward.run(this, new TransitionTable(this), x);
  }

  /** log P(y|x) = f(x,y) - log Z(x). */
  public double logLikelihood(LabeledSequence sequence) {
    return score(sequence.x(), sequence.y()) - forwardBackward(sequence.x()).logPartition();
  }

  /** The most probable label sequence argmax_y f(x, y); ties go to the smaller label id. */
  public int[] viterbi(Sequence x) {
    return Viterbi.decode(this, x);
  }

  void checkLabels(Sequence x, int[] y) {
    if (y.length != x.length()) {
      throw new InvalidDataException(
          "chain CRF: " + y.length + " labels for " + x.length() + " positions");
    }
    for (int t = 0; t < y.length; t++) {
      if (y[t] < 0 || y[t] >= numLabels) {
        throw new InvalidDataException(
            "chain CRF: label " + y[t] + " at position " + t + " outside 0.." + (numLabels - 1));
      }
    }
  }
}
