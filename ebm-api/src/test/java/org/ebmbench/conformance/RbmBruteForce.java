package org.ebmbench.conformance;

/**
 * Exact Bernoulli RBM quantities by plain loops over all 2^(nv + nh) joint states (v, h), written
 * independently of the engine and of {@code BernoulliRbm}: the reference for {@link RbmContract}.
 * Visible state index s encodes v_i as bit i of s, the enumeration order of {@code
 * Ops.binaryStates}.
 */
final class RbmBruteForce implements DiscreteModelChecks.BruteForce {
  private final int nv;
  private final int nh;
  private final double[][] w;
  private final double[] b;
  private final double[] c;
  private final double logZ;

  RbmBruteForce(double[][] w, double[] b, double[] c) {
    this.nv = b.length;
    this.nh = c.length;
    this.w = w;
    this.b = b;
    this.c = c;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < 1 << nv; s++) {
      for (int t = 0; t < 1 << nh; t++) {
        max = Math.max(max, energyTerm(bits(s, nv), bits(t, nh)));
      }
    }
    double sum = 0.0;
    for (int s = 0; s < 1 << nv; s++) {
      for (int t = 0; t < 1 << nh; t++) {
        sum += Math.exp(energyTerm(bits(s, nv), bits(t, nh)) - max);
      }
    }
    this.logZ = max + Math.log(sum);
  }

  /** The 0/1 units of state {@code index}. */
  static double[] bits(int index, int n) {
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = (index >> k) & 1;
    }
    return x;
  }

  /** The index of the binary state in row {@code row} of a row-major array with n columns. */
  static int index(double[] x, int row, int n) {
    int s = 0;
    for (int k = 0; k < n; k++) {
      if (x[row * n + k] > 0.5) {
        s |= 1 << k;
      }
    }
    return s;
  }

  /** -E(v, h) = v.b + h.c + v W h. */
  double energyTerm(double[] v, double[] h) {
    double e = 0.0;
    for (int i = 0; i < nv; i++) {
      e += v[i] * b[i];
      for (int j = 0; j < nh; j++) {
        e += v[i] * w[i][j] * h[j];
      }
    }
    for (int j = 0; j < nh; j++) {
      e += h[j] * c[j];
    }
    return e;
  }

  /** log sum over h of exp(-E(v, h)): the unnormalized log marginal of v. */
  double logDensity(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < 1 << nh; t++) {
      max = Math.max(max, energyTerm(v, bits(t, nh)));
    }
    double sum = 0.0;
    for (int t = 0; t < 1 << nh; t++) {
      sum += Math.exp(energyTerm(v, bits(t, nh)) - max);
    }
    return max + Math.log(sum);
  }

  @Override
  public double logZ() {
    return logZ;
  }

  /** P(v) for every visible state index. */
  double[] visibleProbabilities() {
    double[] p = new double[1 << nv];
    for (int s = 0; s < p.length; s++) {
      p[s] = Math.exp(logDensity(bits(s, nv)) - logZ);
    }
    return p;
  }

  /** (E[v_i h_j] row-major, E[v_i], E[h_j]) under the joint distribution. */
  @Override
  public double[] expectedStatistics() {
    double[] e = new double[nv * nh + nv + nh];
    for (int s = 0; s < 1 << nv; s++) {
      double[] v = bits(s, nv);
      for (int t = 0; t < 1 << nh; t++) {
        double[] h = bits(t, nh);
        double p = Math.exp(energyTerm(v, h) - logZ);
        for (int i = 0; i < nv; i++) {
          for (int j = 0; j < nh; j++) {
            e[i * nh + j] += p * v[i] * h[j];
          }
          e[nv * nh + i] += p * v[i];
        }
        for (int j = 0; j < nh; j++) {
          e[nv * nh + nv + j] += p * h[j];
        }
      }
    }
    return e;
  }
}
