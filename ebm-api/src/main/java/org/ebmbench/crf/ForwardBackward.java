package org.ebmbench.crf;

import org.ebmbench.random.RandomStream;

/**
 * Forward-backward on one sequence in log space: exact log Z(x), node marginals P(y_t = y | x)
 * and edge marginals P(y_{t-1} = i, y_t = j | x).
 *
 * <p>Each step is a log-sum-exp over L terms. The fast path shifts the previous log-messages by
 * their maximum and the transitions by their column (row) maximum, so every factor lies in (0, 1]
 * and a step costs L^2 multiply-adds and L exponentials; the result is exact in log space as long
 * as the shifted sum stays far above underflow. When it does not (weights so large that the
 * largest term of a sum is below {@link #FAST_PATH_FLOOR} after shifting), that entry is
 * recomputed by a plain log-sum-exp over its L terms, which cannot underflow: the sum is then
 * exact to round-off for any finite weights.
 */
public final class ForwardBackward {
  /**
   * Shifted sums below this fall back to the exact log-sum-exp. Terms lost to underflow are below
   * 2.3e-308, so above this floor they change the sum by less than 1e-57 relative.
   */
  static final double FAST_PATH_FLOOR = 1e-250;

  /** Largest total shift for which expected transition counts are computed in factored form. */
  static final double FACTORED_EDGE_LIMIT = 600;

  private final int length;
  private final int labels;
  private final double[] positionScores;
  private final double[] transitions;
  private final double[] logAlpha;
  private final double[] logBeta;
  private final double logPartition;

  private ForwardBackward(
      int length,
      int labels,
      double[] positionScores,
      double[] transitions,
      double[] logAlpha,
      double[] logBeta,
      double logPartition) {
    this.length = length;
    this.labels = labels;
    this.positionScores = positionScores;
    this.transitions = transitions;
    this.logAlpha = logAlpha;
    this.logBeta = logBeta;
    this.logPartition = logPartition;
  }

  static ForwardBackward run(ChainCrf model, TransitionTable table, Sequence x) {
    int length = x.length();
    int labels = model.numLabels();
    double[] scores = model.positionScores(x);
    double[] alpha = new double[length * labels];
    double[] beta = new double[length * labels];
    double[] shifted = new double[labels];
    double[] sums = new double[labels];
    System.arraycopy(scores, 0, alpha, 0, labels);
    for (int t = 1; t < length; t++) {
      forwardStep(table, alpha, (t - 1) * labels, scores, t * labels, shifted, sums);
    }
    // beta[T-1] = 0: the end weights are already part of the last position's scores.
    for (int t = length - 2; t >= 0; t--) {
      backwardStep(table, beta, scores, (t + 1) * labels, t * labels, shifted, sums);
    }
    double logZ = logSumExp(alpha, (length - 1) * labels, labels);
    return new ForwardBackward(length, labels, scores, table.scores, alpha, beta, logZ);
  }

  /** alpha[out + j] = scores[out + j] + log sum_i exp(alpha[in + i] + A[i, j]). */
  private static void forwardStep(
      TransitionTable table,
      double[] alpha,
      int in,
      double[] scores,
      int out,
      double[] shifted,
      double[] sums) {
    int labels = table.labels;
    double max = max(alpha, in, labels);
    java.util.Arrays.fill(sums, 0);
    for (int i = 0; i < labels; i++) {
      double s = Math.exp(alpha[in + i] - max);
      int row = i * labels;
      for (int j = 0; j < labels; j++) {
        sums[j] += s * table.expByColumn[row + j];
      }
    }
    for (int j = 0; j < labels; j++) {
      double logSum;
      if (sums[j] > FAST_PATH_FLOOR) {
        logSum = max + table.columnMax[j] + Math.log(sums[j]);
      } else {
        for (int i = 0; i < labels; i++) {
          shifted[i] = alpha[in + i] + table.scores[i * labels + j];
        }
        logSum = logSumExp(shifted, 0, labels);
      }
      alpha[out + j] = scores[out + j] + logSum;
    }
  }

  /** beta[out + i] = log sum_j exp(A[i, j] + scores[in + j] + beta[in + j]). */
  private static void backwardStep(
      TransitionTable table,
      double[] beta,
      double[] scores,
      int in,
      int out,
      double[] shifted,
      double[] sums) {
    int labels = table.labels;
    for (int j = 0; j < labels; j++) {
      shifted[j] = scores[in + j] + beta[in + j];
    }
    double max = max(shifted, 0, labels);
    for (int j = 0; j < labels; j++) {
      sums[j] = Math.exp(shifted[j] - max);
    }
    for (int i = 0; i < labels; i++) {
      int row = i * labels;
      double sum = 0;
      for (int j = 0; j < labels; j++) {
        sum += table.expByRow[row + j] * sums[j];
      }
      if (sum > FAST_PATH_FLOOR) {
        beta[out + i] = max + table.rowMax[i] + Math.log(sum);
      } else {
        double exactMax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels; j++) {
          exactMax = Math.max(exactMax, table.scores[row + j] + shifted[j]);
        }
        double exactSum = 0;
        for (int j = 0; j < labels; j++) {
          exactSum += Math.exp(table.scores[row + j] + shifted[j] - exactMax);
        }
        beta[out + i] = exactMax + Math.log(exactSum);
      }
    }
  }

  private static double max(double[] values, int from, int count) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = from; k < from + count; k++) {
      max = Math.max(max, values[k]);
    }
    return max;
  }

  /** log sum_k exp(values[from + k]), k < count, shifted by the maximum so it cannot overflow. */
  static double logSumExp(double[] values, int from, int count) {
    double max = max(values, from, count);
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    double sum = 0;
    for (int k = from; k < from + count; k++) {
      sum += Math.exp(values[k] - max);
    }
    return max + Math.log(sum);
  }

  /** f(x, y) from the stored position scores and transitions. */
  double score(int[] y) {
    double total = 0;
    for (int t = 0; t < length; t++) {
      total += positionScores[t * labels + y[t]];
      if (t > 0) {
        total += transitions[y[t - 1] * labels + y[t]];
      }
    }
    return total;
  }

  /**
   * Adds {@code factor} times the expected sufficient statistics E[phi(x, y) | x] to {@code
   * gradient} (laid out as {@link ChainCrf}'s parameter vector): node marginals onto the weights
   * of the attributes firing at each position and onto start/end, edge marginals summed over t
   * onto the transitions.
   */
  void addExpectedCounts(ChainCrf model, Sequence x, double factor, double[] gradient) {
    double[] node = new double[labels];
    for (int t = 0; t < length; t++) {
      int row = t * labels;
      for (int y = 0; y < labels; y++) {
        node[y] = factor * Math.exp(logAlpha[row + y] + logBeta[row + y] - logPartition);
      }
      for (int a : x.attributesAt(t)) {
        int base = a * labels;
        for (int y = 0; y < labels; y++) {
          gradient[base + y] += node[y];
        }
      }
      if (t == 0) {
        addTo(gradient, model.startIndex(0), node);
      }
      if (t == length - 1) {
        addTo(gradient, model.endIndex(0), node);
      }
    }
    addExpectedTransitions(model.transitionIndex(0, 0), factor, gradient);
  }

  /**
   * Adds factor * sum_t P(y_{t-1} = i, y_t = j | x) onto the transition weights. The marginal is
   * exp(C) * a_i * e_ij * r_j with a_i = exp(alpha_{t-1}(i) - max alpha), r_j the same for the
   * right-hand factor, e_ij = exp(A_ij - max A) and C the sum of the three shifts: L^2
   * multiplications instead of L^2 exponentials. Each factor is at most 1 and the L^2 marginals
   * sum to 1, so C >= -2 log L and exp(C) never underflows; while C <= {@link
   * #FACTORED_EDGE_LIMIT}, a product lost to underflow is a marginal below exp(C) * 2.3e-308 <
   * 1e-47, negligible in a gradient. Above the limit the position takes the direct exponentials.
   */
  private void addExpectedTransitions(int transitionBase, double factor, double[] gradient) {
    double maxTransition = max(transitions, 0, transitions.length);
    double[] expTransitions = new double[transitions.length];
    for (int k = 0; k < transitions.length; k++) {
      expTransitions[k] = Math.exp(transitions[k] - maxTransition);
    }
    double[] left = new double[labels];
    double[] right = new double[labels];
    for (int t = 1; t < length; t++) {
      int row = t * labels;
      for (int j = 0; j < labels; j++) {
        right[j] = positionScores[row + j] + logBeta[row + j] - logPartition;
      }
      double leftMax = max(logAlpha, row - labels, labels);
      double rightMax = max(right, 0, labels);
      double shift = leftMax + rightMax + maxTransition;
      if (shift <= FACTORED_EDGE_LIMIT) {
        double scale = factor * Math.exp(shift);
        for (int j = 0; j < labels; j++) {
          right[j] = scale * Math.exp(right[j] - rightMax);
        }
        for (int i = 0; i < labels; i++) {
          double a = Math.exp(logAlpha[row - labels + i] - leftMax);
          int base = i * labels;
          for (int j = 0; j < labels; j++) {
              gradient[transitionBase + base + j] += a * expTransitions[base + j] * right[j];
          }
        }
      } else {
        for (int i = 0; i < labels; i++) {
          double a = logAlpha[row - labels + i];
          int base = i * labels;
          for (int j = 0; j < labels; j++) {
            gradient[transitionBase + base + j] +=
                factor * Math.exp(a + transitions[base + j] + right[j]);
          }
        }
      }
    }
  }

  private static void addTo(double[] target, int offset, double[] values) {
    for (int k = 0; k < values.length; k++) {
      target[offset + k] += values[k];
    }
  }

  /**
   * An exact draw from P(y | x) by forward filtering, backward sampling: y_{T-1} from the last
   * forward message, then y_t from alpha_t(i) + A[i, y_{t+1}] for t = T-2 down to 0.
   */
  public int[] sample(RandomStream random) {
    int[] y = new int[length];
    double[] logWeights = new double[labels];
    System.arraycopy(logAlpha, (length - 1) * labels, logWeights, 0, labels);
    y[length - 1] = Categorical.draw(logWeights, labels, random);
    for (int t = length - 2; t >= 0; t--) {
      for (int i = 0; i < labels; i++) {
        logWeights[i] = logAlpha[t * labels + i] + transitions[i * labels + y[t + 1]];
      }
      y[t] = Categorical.draw(logWeights, labels, random);
    }
    return y;
  }

  /** Number of positions T. */
  public int length() {
    return length;
  }

  /** Exact log Z(x). */
  public double logPartition() {
    return logPartition;
  }

  /** P(y_t = label | x). */
  public double nodeMarginal(int t, int label) {
    int k = t * labels + label;
    return Math.exp(logAlpha[k] + logBeta[k] - logPartition);
  }

  /** P(y_{t-1} = from, y_t = to | x), for 1 <= t < T. */
  public double edgeMarginal(int t, int from, int to) {
    if (t < 1 || t >= length) {
      throw new IndexOutOfBoundsException(
          "edge marginal: t = " + t + " outside 1.." + (length - 1));
    }
    int k = t * labels + to;
    return Math.exp(
        logAlpha[(t - 1) * labels + from]
            + transitions[from * labels + to]
            + positionScores[k]
            + logBeta[k]
            - logPartition);
  }
}
