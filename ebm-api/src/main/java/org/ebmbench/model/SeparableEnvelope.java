package org.ebmbench.model;

import org.apache.commons.math3.special.Gamma;

/**
 * A separable upper bound exp(f(x)) <= prod_i exp(h_i(x_i)) on a normalizable {@link
 * WellPotential}, used to choose a truncation box whose outside holds a proven, tiny share of the
 * probability mass.
 *
 * <p><b>The split.</b> |g x_1 x_2| <= |g| (e x_1^2 + x_2^2 / e) / 2 for any e > 0, so f(x) <=
 * h_1(x_1) + h_2(x_2) with h_i(t) = c_i t^4 + beta_i t^2 + a_i t and beta_1 = b_1 + |g| e / 2,
 * beta_2 = b_2 + |g| / (2 e). e is chosen so every h_i is integrable whenever f is: e = 1 when both
 * quartic coefficients are negative; on an axis j with c_j = 0 (so b_j < 0), e puts half of b_j
 * against the coupling (beta_j = b_j / 2); when both are 0, e = sqrt(b_1 / b_2) gives beta_i = b_i
 * (1 - |g| / (2 sqrt(b_1 b_2))) < 0 exactly when the quadratic form is negative definite.
 *
 * <p><b>Per-axis bounds.</b> With H_i = the integral of exp(h_i) over R, and T_i(W) the part of it
 * outside an interval of half-width W around a centre:
 *
 * <ul>
 *   <li>c_i < 0: with k = |c_i| / 2, h_i(t) <= R_i - k t^4 where R_i = beta+^2 / (2 k) + (3/4) |a|
 *       (|a| / (2 k))^(1/3) (bound -k t^4 / 2 + beta t^2 and -k t^4 / 2 + |a| |t| separately). So
 *       H_i <= e^R_i 2 Gamma(5/4) k^(-1/4) and, around 0, T_i(W) <= e^R_i exp(-k W^4) / (2 k W^3)
 *       (integrate exp(-k t^4) <= (t / W)^3 exp(-k t^4) beyond W). Their ratio, which no longer
 *       depends on R_i: T_i / H_i <= exp(-k W^4) k^(1/4) / (4 Gamma(5/4) k W^3).
 *   <li>c_i = 0, beta_i = -q < 0: h_i is a Gaussian exponent with centre mu = a_i / (2 q), H_i =
 *       exp(a_i^2 / (4 q)) sqrt(pi / q) exactly, and T_i / H_i = erfc(W sqrt q) <= exp(-q W^2) / (W
 *       sqrt(pi q)).
 * </ul>
 *
 * <p><b>The box.</b> The set outside the box lies in the union over i of {x_i outside its
 * interval}, so the mass outside is at most sum_i T_i prod_{j != i} H_j = (prod_j H_j) sum_i T_i /
 * H_i. Choosing each half-width so that T_i / H_i <= tau Z_low / (d prod_j H_j), for any lower
 * bound Z_low <= Z, makes the mass outside at most tau Z: a share of at most tau of the
 * probability.
 */
final class SeparableEnvelope {
  private static final double LOG_TWO_GAMMA_5_4 = Math.log(2.0 * Gamma.gamma(1.25));

  private final AxisBound[] axes;

  private SeparableEnvelope(AxisBound[] axes) {
    this.axes = axes;
  }

  /** The envelope of {@code p}, which must satisfy {@link WellPotential#requireNormalizable}. */
  static SeparableEnvelope of(WellPotential p) {
    double[] split = couplingShares(p);
    AxisBound[] axes = new AxisBound[p.dimension];
    for (int i = 0; i < p.dimension; i++) {
      double beta = p.quadratic[i] + split[i];
      double a = p.linear[i];
      if (p.quartic[i] < 0.0) {
        double k = -p.quartic[i] / 2.0;
        double positive = Math.max(beta, 0.0);
        double r =
            positive * positive / (2.0 * k)
                + 0.75 * Math.abs(a) * Math.cbrt(Math.abs(a) / (2.0 * k));
        axes[i] = new QuarticAxis(k, r);
      } else {
        double q = -beta;
        axes[i] = new GaussianAxis(q, a / (2.0 * q), a * a / (4.0 * q));
      }
    }
    return new SeparableEnvelope(axes);
  }

  /** |g| e_i / 2 per axis: how much of the coupling bound each axis carries (see class doc). */
  private static double[] couplingShares(WellPotential p) {
    double[] shares = new double[p.dimension];
    double g = Math.abs(p.coupling);
    if (p.dimension == 1 || g == 0.0) {
      return shares;
    }
    double e; // the weight on x_1^2; x_2^2 gets 1 / e
    boolean flat1 = p.quartic[0] == 0.0;
    boolean flat2 = p.quartic[1] == 0.0;
    if (flat1 && flat2) {
      e = Math.sqrt(p.quadratic[0] / p.quadratic[1]);
    } else if (flat1) {
      e = -p.quadratic[0] / g; // beta_1 = b_1 / 2
    } else if (flat2) {
      e = g / -p.quadratic[1]; // beta_2 = b_2 / 2
    } else {
      e = 1.0;
    }
    shares[0] = g * e / 2.0;
    shares[1] = g / (2.0 * e);
    return shares;
  }

  /** sum_i of the bound on h_i(x_i): at least f(x) everywhere; {@code x2} unused in 1-D. */
  double logEnvelope(double x1, double x2) {
    double sum = axes[0].logBound(x1);
    if (axes.length == 2) {
      sum += axes[1].logBound(x2);
    }
    return sum;
  }

  /** log prod_i H_i: an upper bound on log Z. */
  double logMass() {
    double sum = 0.0;
    for (AxisBound axis : axes) {
      sum += axis.logMass();
    }
    return sum;
  }

  /**
   * A box [lo_i, hi_i] outside which lies at most {@code tau} exp({@code logZLower}) of the mass of
   * exp(f): at most a share {@code tau} of the probability when exp(logZLower) <= Z.
   *
   * @return {lo, hi}
   */
  double[][] box(double logZLower, double tau) {
    int d = axes.length;
    double logShare = Math.log(tau / d) + logZLower - logMass();
    double[] lo = new double[d];
    double[] hi = new double[d];
    for (int i = 0; i < d; i++) {
      double w = axes[i].halfWidth(logShare);
      lo[i] = axes[i].centre() - w;
      hi[i] = axes[i].centre() + w;
    }
    return new double[][] {lo, hi};
  }

  /** The bound on one axis: its total mass and the share of it in the tails. */
  private interface AxisBound {
    /** The bound on h(t) whose integral is exp(logMass()). */
    double logBound(double t);

    double logMass();

    double centre();

    /** An upper bound on log(T(w) / H), decreasing in w > 0. */
    double logTailShare(double w);

    /** A half-width w with logTailShare(w) <= logShare, within 1e-12 relative of the smallest. */
    default double halfWidth(double logShare) {
      double lo = 0.0;
      double hi = 1.0;
      while (logTailShare(hi) > logShare) {
        lo = hi;
        hi *= 2.0;
      }
      while (hi - lo > 1e-12 * hi) {
        double mid = 0.5 * (lo + hi);
        if (logTailShare(mid) > logShare) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return hi;
    }
  }

  /** c < 0: h(t) <= r - k t^4. */
  private record QuarticAxis(double k, double r) implements AxisBound {
    @Override
    public double logBound(double t) {
      return r - k * t * t * t * t;
    }

    @Override
    public double logMass() {
      return r + LOG_TWO_GAMMA_5_4 - 0.25 * Math.log(k);
    }

    @Override
    public double centre() {
      return 0.0;
    }

    @Override
    public double logTailShare(double w) {
      return -k * w * w * w * w
          - Math.log(2.0 * k * w * w * w)
          - LOG_TWO_GAMMA_5_4
          + 0.25 * Math.log(k);
    }
  }

  /** c = 0: h(t) = -q (t - mu)^2 + peak. */
  private record GaussianAxis(double q, double mu, double peak) implements AxisBound {
    @Override
    public double logBound(double t) {
      return peak - q * (t - mu) * (t - mu);
    }

    @Override
    public double logMass() {
      return peak + 0.5 * Math.log(Math.PI / q);
    }

    @Override
    public double centre() {
      return mu;
    }

    @Override
    public double logTailShare(double w) {
      return -q * w * w - Math.log(w * Math.sqrt(Math.PI * q));
    }
  }
}
