package org.ebmbench.conformance;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.GaussianBernoulliRbm;
import org.ebmbench.random.RandomStream;

/**
 * A Gaussian-Bernoulli RBM's answers computed by plain loops on the host, independently of the
 * model's engine code: f(v) from its definition, log Z by numerical quadrature of exp(f) over a
 * grid (1 or 2 visible units) and by summing the closed-form Gaussian integral over every hidden
 * state, and, for one visible unit, the exact CDF of v (a mixture of 2^nh normals).
 */
final class GaussianBernoulliRbmReference {
  final double[][] w;
  final double[] b;
  final double[] c;
  /** log sigma_i^2; null for unit variances. */
  final double[] z;

  GaussianBernoulliRbmReference(double[][] w, double[] b, double[] c, double[] z) {
    this.w = w;
    this.b = b;
    this.c = c;
    this.z = z;
  }

  /** Weights of sd {@code weightSd}, biases of sd {@code biasSd}, log-variances of sd 0.4. */
  static GaussianBernoulliRbmReference random(
      int nv, int nh, boolean learned, double weightSd, double biasSd, RandomStream stream) {
    double[][] w = new double[nv][nh];
    double[] b = new double[nv];
    double[] c = new double[nh];
    double[] z = learned ? new double[nv] : null;
    for (int i = 0; i < nv; i++) {
      for (int j = 0; j < nh; j++) {
        w[i][j] = weightSd * stream.nextGaussian();
      }
      b[i] = biasSd * stream.nextGaussian();
      if (learned) {
        z[i] = 0.4 * stream.nextGaussian();
      }
    }
    for (int j = 0; j < nh; j++) {
      c[j] = biasSd * stream.nextGaussian();
    }
    return new GaussianBernoulliRbmReference(w, b, c, z);
  }

  GaussianBernoulliRbm model(Ops ops) {
    return GaussianBernoulliRbm.of(ops, w, b, c, z);
  }

  int nv() {
    return b.length;
  }

  int nh() {
    return c.length;
  }

  double variance(int i) {
    return z == null ? 1.0 : Math.exp(z[i]);
  }

  /** f(v) = -sum_i (v_i - b_i)^2 / (2 sigma_i^2) + sum_j softplus(c_j + sum_i v_i W_ij / sigma_i^2). */
  double logDensity(double[] v) {
    double f = 0.0;
    for (int i = 0; i < nv(); i++) {
      f -= (v[i] - b[i]) * (v[i] - b[i]) / (2 * variance(i));
    }
    for (int j = 0; j < nh(); j++) {
      double x = c[j];
      for (int i = 0; i < nv(); i++) {
        x += v[i] * w[i][j] / variance(i);
      }
      f += Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
    return f;
  }

  /**
   * log Z by the trapezoid rule on a grid of spacing {@code step} over [-limit, limit]^nv (nv = 1
   * or 2), summed in log space. For these smooth, Gaussian-tailed integrands the rule's error
   * decays like exp(-2 pi a / step), with a ~ pi sigma^2 / |W| the half-width of the strip where
   * softplus is analytic: negligible at the steps used; the tails beyond the limit are negligible
   * when it lies more than 12 standard deviations past every mean.
   */
  double logZByQuadrature(double limit, double step) {
    int points = (int) Math.round(2 * limit / step) + 1;
    double[] v = new double[nv()];
    double[] values = new double[nv() == 1 ? points : points * points];
    for (int a = 0; a < points; a++) {
      for (int d = 0; d < (nv() == 1 ? 1 : points); d++) {
        v[0] = -limit + a * step;
        if (nv() == 2) {
          v[1] = -limit + d * step;
        }
        values[nv() == 1 ? a : a * points + d] = logDensity(v);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double f : values) {
      max = Math.max(max, f);
    }
    double sum = 0.0;
    for (double f : values) {
      sum += Math.exp(f - max);
    }
    // The endpoints carry weight 1/2, but exp(f) there is below 1e-30 of the peak.
    return max + Math.log(sum) + nv() * Math.log(step);
  }

  /** log Z by summing, over every hidden state, the closed-form Gaussian integral over v. */
  double logZByHiddenEnumeration() {
    double[] g = hiddenLogWeights();
    double max = Double.NEGATIVE_INFINITY;
    for (double x : g) {
      max = Math.max(max, x);
    }
    double sum = 0.0;
    for (double x : g) {
      sum += Math.exp(x - max);
    }
    double logZ = max + Math.log(sum);
    for (int i = 0; i < nv(); i++) {
      logZ += 0.5 * Math.log(2 * Math.PI * variance(i));
    }
    return logZ;
  }

  /** g(h) = h.c + sum_i (m_i^2 - b_i^2) / (2 sigma_i^2), m = b + W h, for every h in index order. */
  double[] hiddenLogWeights() {
    double[] g = new double[1 << nh()];
    for (int s = 0; s < g.length; s++) {
      for (int j = 0; j < nh(); j++) {
        if ((s >> j & 1) == 1) {
          g[s] += c[j];
        }
      }
      for (int i = 0; i < nv(); i++) {
        double m = mean(s, i);
        g[s] += (m * m - b[i] * b[i]) / (2 * variance(i));
      }
    }
    return g;
  }

  /** m_i = b_i + (W h)_i for hidden state index s (bit j is h_j). */
  double mean(int s, int i) {
    double m = b[i];
    for (int j = 0; j < nh(); j++) {
      if ((s >> j & 1) == 1) {
        m += w[i][j];
      }
    }
    return m;
  }

  /** The CDF of v for a model with one visible unit: sum_h P(h) Phi((v - m_h) / sigma). */
  double cumulativeProbability(double v) {
    double[] g = hiddenLogWeights();
    double max = Double.NEGATIVE_INFINITY;
    for (double x : g) {
      max = Math.max(max, x);
    }
    double mass = 0.0;
    double cdf = 0.0;
    double sd = Math.sqrt(variance(0));
    for (int s = 0; s < g.length; s++) {
      double weight = Math.exp(g[s] - max);
      mass += weight;
      cdf += weight * NormalDistribution.of(mean(s, 0), sd).cumulativeProbability(v);
    }
    return cdf / mass;
  }
}
