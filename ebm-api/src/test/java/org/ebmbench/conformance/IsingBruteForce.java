package org.ebmbench.conformance;

/**
 * Exact Ising quantities by plain loops over all 2^n states, written independently of the engine
 * and of {@code IsingModel}: the reference for {@link IsingContract}. State index s encodes spin k
 * as bit k of s (1 for +1), the enumeration order of {@code Ops.binaryStates}.
 */
final class IsingBruteForce implements DiscreteModelChecks.BruteForce {
  private final int n;
  private final double[] h;
  private final double[][] j;
  private final double[] probabilities;
  private final double logZ;

  IsingBruteForce(double[] h, double[][] j) {
    this.n = h.length;
    this.h = h;
    this.j = j;
    int states = 1 << n;
    double[] f = new double[states];
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < states; s++) {
      f[s] = logDensity(spins(s, n));
      max = Math.max(max, f[s]);
    }
    double sum = 0.0;
    for (int s = 0; s < states; s++) {
      sum += Math.exp(f[s] - max);
    }
    this.logZ = max + Math.log(sum);
    this.probabilities = new double[states];
    for (int s = 0; s < states; s++) {
      probabilities[s] = Math.exp(f[s] - logZ);
    }
  }

  /** The spins of state {@code index}. */
  static double[] spins(int index, int n) {
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = ((index >> k) & 1) == 1 ? 1.0 : -1.0;
    }
    return x;
  }

  /** The index of the state with spins {@code x} (row {@code row} of a row-major array). */
  static int index(double[] x, int row, int n) {
    int s = 0;
    for (int k = 0; k < n; k++) {
      if (x[row * n + k] > 0) {
        s |= 1 << k;
      }
    }
    return s;
  }

  /** f(x) = sum_i h_i x_i + sum_{i<j} J_ij x_i x_j. */
  double logDensity(double[] x) {
    double f = 0.0;
    for (int a = 0; a < n; a++) {
      f += h[a] * x[a];
      for (int b = a + 1; b < n; b++) {
        f += j[a][b] * x[a] * x[b];
      }
    }
    return f;
  }

  @Override
  public double logZ() {
    return logZ;
  }

  /** P(state) for every state index. */
  double[] probabilities() {
    return probabilities.clone();
  }

  /** E[T] in the Ising parameter order: E[x_i], then E[x_i x_j] for i < j row-major. */
  @Override
  public double[] expectedStatistics() {
    double[] e = new double[n + n * (n - 1) / 2];
    for (int s = 0; s < probabilities.length; s++) {
      double[] x = spins(s, n);
      int k = n;
      for (int a = 0; a < n; a++) {
        e[a] += probabilities[s] * x[a];
        for (int b = a + 1; b < n; b++) {
          e[k++] += probabilities[s] * x[a] * x[b];
        }
      }
    }
    return e;
  }
}
