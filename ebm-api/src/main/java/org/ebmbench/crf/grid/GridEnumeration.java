package org.ebmbench.crf.grid;

import org.ebmbench.random.RandomStream;

/**
 * Exact computations on a grid small enough to enumerate all 2^n labelings (n <= {@value
 * #MAX_SITES}): log Z(x), the expected statistics E[phi | x], exact sampling, and the KL between
 * two models. Labeling code c has y_i = +1 where bit i of c is set.
 */
public final class GridEnumeration {
  /** The most sites enumerated (2^20 labelings). */
  public static final int MAX_SITES = 20;

  private final GridCrf model;
  private final double[] x;
  private final double[] logWeights;
  private final double logPartition;

  /** Enumerates P(y | x) under {@code model}. */
  public GridEnumeration(GridCrf model, double[] x) {
    if (model.sites() > MAX_SITES) {
      throw new IllegalArgumentException(
          "grid enumeration: " + model.height() + " x " + model.width() + " has "
              + model.sites() + " sites, at most " + MAX_SITES + " can be enumerated");
    }
    this.model = model;
    this.x = x.clone();
    int count = 1 << model.sites();
    logWeights = new double[count];
    int[] y = new int[model.sites()];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < count; c++) {
      decode(c, y);
      logWeights[c] = model.score(x, y);
      max = Math.max(max, logWeights[c]);
    }
    double sum = 0;
    for (double w : logWeights) {
      sum += Math.exp(w - max);
    }
    logPartition = max + Math.log(sum);
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
    int[] y = new int[model.sites()];
    double[] phi = new double[GridCrf.PARAMETERS];
    for (int c = 0; c < logWeights.length; c++) {
      decode(c, y);
      model.addFeatures(x, y, Math.exp(logWeights[c] - logPartition), phi);
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
      cumulative += Math.exp(logWeights[c] - logPartition);
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
      total += Math.exp(logP) * (logP - logQ);
    }
    return total;
  }
}
