package org.ebmbench.crf.grid;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ebmbench.random.RandomStream;

/**
 * Exact computations on a grid small enough to enumerate all 2^n labelings (n <= {@value
 * #MAX_SITES}): log Z(x), the expected statistics E[phi | x], exact sampling, and the KL between
 * two models. Labeling code c has y_i = +1 where bit i of c is set. The x-independent statistics
 * of every code are computed once per grid shape and cached.
 */
public final class GridEnumeration {
  /** The most sites enumerated (2^20 labelings). */
  public static final int MAX_SITES = 20;

  private final GridCrf model;
  private final double[] x;
  private final Statistics statistics;
  private final double[] observed;
  private final double[] logWeights;
  private final double[] probabilities;
  private final double logPartition;

  /** Enumerates P(y | x) under {@code model}. */
  public GridEnumeration(GridCrf model, double[] x) {
    if (model.sites() > MAX_SITES) {
      throw new IllegalArgumentException(
          "grid enumeration: " + model.height() + " x " + model.width() + " has "
              + model.sites() + " sites, at most " + MAX_SITES + " can be enumerated");
    }
    if (x.length != model.sites()) {
      throw new IllegalArgumentException(
          "grid enumeration: " + x.length + " observations for " + model.sites() + " sites");
    }
    this.model = model;
    this.x = x.clone();
    this.statistics = Statistics.of(model.height(), model.width());
    int count = 1 << model.sites();
    observed = observedStatistic(x, count);
    double[] w = model.weights();
    logWeights = new double[count];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < count; c++) {
      logWeights[c] =
          w[GridCrf.BIAS] * statistics.magnetization[c]
              + w[GridCrf.UNARY] * observed[c]
              + w[GridCrf.COUPLING] * statistics.pairs[c];
      max = Math.max(max, logWeights[c]);
    }
    probabilities = new double[count];
    double sum = 0;
    for (int c = 0; c < count; c++) {
      probabilities[c] = Math.exp(logWeights[c] - max);
      sum += probabilities[c];
    }
    for (int c = 0; c < count; c++) {
      probabilities[c] /= sum;
    }
    logPartition = max + Math.log(sum);
  }

  /**
   * sum_i x_i y_i for every code: -sum_i x_i + 2 * (sum of x_i over the set bits), the latter
   * built up from the code with its lowest bit cleared.
   */
  private static double[] observedStatistic(double[] x, int count) {
    double[] setSum = new double[count];
    double total = 0;
    for (double v : x) {
      total += v;
    }
    double[] result = new double[count];
    result[0] = -total;
    for (int c = 1; c < count; c++) {
      setSum[c] = setSum[c & (c - 1)] + x[Integer.numberOfTrailingZeros(c)];
      result[c] = 2 * setSum[c] - total;
    }
    return result;
  }

  /** The x-independent statistics sum_i y_i and sum_{i~j} y_i y_j of every code of a shape. */
  private record Statistics(int[] magnetization, int[] pairs) {
    private static final Map<Long, Statistics> CACHE = new ConcurrentHashMap<>();

    static Statistics of(int height, int width) {
      return CACHE.computeIfAbsent(((long) height << 32) | width, k -> compute(height, width));
    }

    private static Statistics compute(int height, int width) {
      GridCrf shape = GridCrf.of(height, width, 0, 0, 0);
      int count = 1 << shape.sites();
      int[] magnetization = new int[count];
      int[] pairs = new int[count];
      int[] y = new int[shape.sites()];
      double[] zeros = new double[shape.sites()];
      double[] phi = new double[GridCrf.PARAMETERS];
      for (int c = 0; c < count; c++) {
        decode(c, y);
        java.util.Arrays.fill(phi, 0);
        shape.addFeatures(zeros, y, 1, phi);
        magnetization[c] = (int) phi[GridCrf.BIAS];
        pairs[c] = (int) phi[GridCrf.COUPLING];
      }
      return new Statistics(magnetization, pairs);
    }
  }

  /** The labels of code c, written into y. */
  public static void decode(int code, int[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] = ((code >>> i) & 1) == 1 ? 1 : -1;
    }
  }

  /** The code of labels y. */
  public static int encode(int[] y) {
    int code = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 1) {
        code |= 1 << i;
      }
    }
    return code;
  }

  /** Exact log Z(x). */
  public double logPartition() {
    return logPartition;
  }

  /** log P(y | x). */
  public double logProbability(int[] y) {
    return model.score(x, y) - logPartition;
  }

  /** Adds {@code factor} * E[phi(x, y) | x] to {@code target[0..2]}. */
  public void addExpectedFeatures(double factor, double[] target) {
    double[] phi = new double[GridCrf.PARAMETERS];
    for (int c = 0; c < logWeights.length; c++) {
      double p = probabilities[c];
      phi[GridCrf.BIAS] += p * statistics.magnetization[c];
      phi[GridCrf.UNARY] += p * observed[c];
      phi[GridCrf.COUPLING] += p * statistics.pairs[c];
    }
    for (int k = 0; k < phi.length; k++) {
      target[k] += factor * phi[k];
    }
  }

  /** An exact draw from P(y | x), by inverting the cumulative distribution over codes. */
  public int[] sample(RandomStream random) {
    double u = random.nextDouble();
    int[] y = new int[model.sites()];
    double cumulative = 0;
    for (int c = 0; c < logWeights.length; c++) {
      cumulative += probabilities[c];
      if (u < cumulative) {
        decode(c, y);
        return y;
      }
    }
    decode(logWeights.length - 1, y);
    return y;
  }

  /** KL(P_this(.|x) || P_other(.|x)), other enumerated on the same x. */
  public double kl(GridEnumeration other) {
    double total = 0;
    for (int c = 0; c < logWeights.length; c++) {
      double logP = logWeights[c] - logPartition;
      double logQ = other.logWeights[c] - other.logPartition;
      total += probabilities[c] * (logP - logQ);
    }
    return total;
  }
}
