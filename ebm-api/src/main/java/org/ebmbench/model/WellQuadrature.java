package org.ebmbench.model;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * log Z and E[T] of a {@link WellPotential} restricted to a box, by a composite Gauss-Legendre
 * rule: each axis of the box is cut into equal panels with {@value #NODES_PER_PANEL} Legendre nodes
 * each (a tensor grid in 2-D; Commons Math's double-precision nodes, within 2e-16 of its
 * high-precision ones, which take seconds to compute). The integrand exp(f) is entire, so on panels
 * that resolve it the rule converges geometrically; the panel count is doubled from {@value
 * #FIRST_PANELS} until two successive rules agree to {@link DoubleWellModel#QUADRATURE_TOLERANCE}
 * (Z relatively, each E[T_j] relative to E|T_j|), and the finer one is returned. A 1-D potential is
 * integrated as a tensor rule whose second axis is the single node 0 with weight 1.
 */
final class WellQuadrature {
  static final int NODES_PER_PANEL = 16;
  private static final double TOLERANCE = DoubleWellModel.QUADRATURE_TOLERANCE;
  private static final int FIRST_PANELS = 8;

  /** Caps on the panels per axis (grids of 2^15 nodes in 1-D, 2048^2 in 2-D). */
  private static final int MAX_PANELS_1D = 2048;

  private static final int MAX_PANELS_2D = 128;

  private static final double[] NODES;
  private static final double[] WEIGHTS;

  static {
    GaussIntegrator rule = new GaussIntegratorFactory().legendre(NODES_PER_PANEL);
    NODES = new double[NODES_PER_PANEL];
    WEIGHTS = new double[NODES_PER_PANEL];
    for (int m = 0; m < NODES_PER_PANEL; m++) {
      NODES[m] = rule.getPoint(m);
      WEIGHTS[m] = rule.getWeight(m);
    }
  }

  private WellQuadrature() {}

  /**
   * log of the integral of exp(f) over the box, and E[T] under exp(f) restricted to it, in the
   * parameter layout of the potential.
   */
  record Integral(double logPartition, double[] expectedStatistics) {}

  /**
   * Integrates with panels doubled until successive rules agree.
   *
   * @throws ArithmeticException if they still disagree at the panel cap (a density far too peaked
   *     for the box)
   */
  static Integral integrate(WellPotential p, double[] lo, double[] hi) {
    int cap = p.dimension == 1 ? MAX_PANELS_1D : MAX_PANELS_2D;
    Moments coarse = moments(p, lo, hi, FIRST_PANELS);
    for (int panels = 2 * FIRST_PANELS; panels <= cap; panels *= 2) {
      Moments fine = moments(p, lo, hi, panels);
      if (fine.agreesWith(coarse)) {
        return fine.integral();
      }
      coarse = fine;
    }
    throw new ArithmeticException(
        "quadrature of exp(f) did not reach "
            + TOLERANCE
            + " with "
            + cap
            + " panels per axis on the box ["
            + lo[0]
            + ", "
            + hi[0]
            + "]"
            + (p.dimension == 2 ? " x [" + lo[1] + ", " + hi[1] + "]" : "")
            + "; the density is too peaked for it");
  }

  /** One rule with a fixed number of panels per axis, no convergence check. */
  static Integral integrate(WellPotential p, double[] lo, double[] hi, int panels) {
    return moments(p, lo, hi, panels).integral();
  }

  private static Moments moments(WellPotential p, double[] lo, double[] hi, int panels) {
    double[][] axis1 = nodes(lo[0], hi[0], panels);
    double[][] axis2 = p.dimension == 2 ? nodes(lo[1], hi[1], panels) : new double[][] {{0}, {1}};
    double[] x1 = axis1[0];
    double[] w1 = axis1[1];
    double[] x2 = axis2[0];
    double[] w2 = axis2[1];
    double[] u1 = new double[x1.length];
    double[] u2 = new double[x2.length];
    for (int i = 0; i < x1.length; i++) {
      u1[i] = p.axisTerm(0, x1[i]);
    }
    for (int j = 0; j < x2.length; j++) {
      u2[j] = p.dimension == 2 ? p.axisTerm(1, x2[j]) : 0.0;
    }
    double g = p.coupling;

    // f at the nodes is shifted by its largest value there, so exp cannot overflow.
    double shift = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x1.length; i++) {
      for (int j = 0; j < x2.length; j++) {
        shift = Math.max(shift, u1[i] + u2[j] + g * x1[i] * x2[j]);
      }
    }

    // Sums of w exp(f - shift) times 1, x_i, x_i^2, x_i^4, |x_i|, x1 x2, |x1 x2|.
    double mass = 0.0;
    double[] power1 = new double[2];
    double[] power2 = new double[2];
    double[] power4 = new double[2];
    double[] absolute = new double[2];
    double cross = 0.0;
    double absoluteCross = 0.0;
    for (int i = 0; i < x1.length; i++) {
      double r0 = 0.0;
      double r1 = 0.0;
      double r2 = 0.0;
      double r4 = 0.0;
      double ra = 0.0;
      double base = u1[i] - shift;
      double slope = g * x1[i];
      for (int j = 0; j < x2.length; j++) {
        double e = w2[j] * Math.exp(base + u2[j] + slope * x2[j]);
        double t = x2[j];
        double t2 = t * t;
        r0 += e;
        r1 += e * t;
        r2 += e * t2;
        r4 += e * t2 * t2;
        ra += e * Math.abs(t);
      }
      double w = w1[i];
      double t = x1[i];
      double t2 = t * t;
      mass += w * r0;
      power1[0] += w * t * r0;
      power2[0] += w * t2 * r0;
      power4[0] += w * t2 * t2 * r0;
      absolute[0] += w * Math.abs(t) * r0;
      power1[1] += w * r1;
      power2[1] += w * r2;
      power4[1] += w * r4;
      absolute[1] += w * ra;
      cross += w * t * r1;
      absoluteCross += w * Math.abs(t) * ra;
    }

    int d = p.dimension;
    double[] mean = new double[WellPotential.parameterCount(d)];
    double[] absoluteMean = new double[mean.length];
    for (int i = 0; i < d; i++) {
      mean[WellPotential.linearIndex(i)] = power1[i] / mass;
      absoluteMean[WellPotential.linearIndex(i)] = absolute[i] / mass;
      mean[WellPotential.quadraticIndex(d, i)] = power2[i] / mass;
      absoluteMean[WellPotential.quadraticIndex(d, i)] = power2[i] / mass;
      mean[WellPotential.quarticIndex(d, i)] = power4[i] / mass;
      absoluteMean[WellPotential.quarticIndex(d, i)] = power4[i] / mass;
    }
    if (d == 2) {
      mean[WellPotential.couplingIndex(d)] = cross / mass;
      absoluteMean[WellPotential.couplingIndex(d)] = absoluteCross / mass;
    }
    return new Moments(shift + Math.log(mass), mean, absoluteMean);
  }

  /** The nodes and weights of the composite rule on [lo, hi]: {nodes, weights}. */
  private static double[][] nodes(double lo, double hi, int panels) {
    double width = (hi - lo) / panels;
    double[] x = new double[panels * NODES_PER_PANEL];
    double[] w = new double[x.length];
    for (int panel = 0; panel < panels; panel++) {
      double centre = lo + (panel + 0.5) * width;
      for (int m = 0; m < NODES_PER_PANEL; m++) {
        x[panel * NODES_PER_PANEL + m] = centre + 0.5 * width * NODES[m];
        w[panel * NODES_PER_PANEL + m] = 0.5 * width * WEIGHTS[m];
      }
    }
    return new double[][] {x, w};
  }

  /** One rule's results, with E|T| to judge E[T]'s agreement on a scale that cannot be 0. */
  private record Moments(double logPartition, double[] mean, double[] absoluteMean) {
    boolean agreesWith(Moments other) {
      if (!(Math.abs(Math.expm1(logPartition - other.logPartition)) <= TOLERANCE)) {
        return false;
      }
      for (int j = 0; j < mean.length; j++) {
        if (!(Math.abs(mean[j] - other.mean[j]) <= TOLERANCE * absoluteMean[j])) {
          return false;
        }
      }
      return true;
    }

    Integral integral() {
      return new Integral(logPartition, mean);
    }
  }
}
