package org.ebmbench.model;

import org.ebmbench.random.RandomStream;

/**
 * Exact draws from exp(f) restricted to a box, by rejection from a piecewise-constant envelope.
 *
 * <p>The box is cut into a grid of equal cells. On each cell a proven upper bound U of f comes from
 * Taylor's theorem around the cell's centre c: for x = c + e in the cell (|e_i| <= h_i, half the
 * cell width), f(x) = f(c) + grad f(c) . e + e^T H(xi) e / 2 with xi in the cell, so
 *
 * <pre>
 *   f(x) <= f(c) + sum_i |df/dx_i(c)| h_i + (sum_i max_cell |f_ii| h_i^2 + 2 |g| h_1 h_2) / 2,
 * </pre>
 *
 * where max_cell |f_ii| = max |2 b_i + 12 c_i t^2| over the cell (exact: affine in t^2) and the
 * mixed derivative is the constant g. A margin of {@value #ROUNDING_MARGIN} times (1 + the sum of
 * |f|'s terms at the cell's corner farthest from 0) absorbs the rounding of f in U and at the
 * proposal (a few ulps of that sum; the sum bounds it over the whole cell). A proposal picks a cell
 * with probability proportional to exp(U), a uniform point x in it, and is accepted with
 * probability exp(f(x) - U) <= 1; accepted points have density proportional to exp(f) on the box,
 * exactly (up to floating point). The cells are sized so the curvature slack is about 0.05, which
 * makes acceptance high where the mass is.
 */
final class WellSampler {
  private static final double ROUNDING_MARGIN = 1e-12;

  /** Target of the curvature term of U: a few percent of rejections from curvature. */
  private static final double CURVATURE_SLACK = 0.05;

  private static final int MAX_CELLS_1D = 1 << 13;
  private static final int MAX_CELLS_2D = 1 << 9;

  private final WellPotential p;
  private final double[] lo;
  private final double[] width;
  private final int[] cells;

  /** Per cell (row-major, axis 1 slowest): the bound U. */
  private final double[] bound;

  /** Cumulative sums of exp(U - max U), for choosing a cell. */
  private final double[] cumulative;

  private WellSampler(WellPotential p, double[] lo, double[] hi) {
    this.p = p;
    int d = p.dimension;
    this.lo = lo.clone();
    this.width = new double[d];
    this.cells = new int[d];
    double curvature = 0.0;
    for (int i = 0; i < d; i++) {
      curvature = Math.max(curvature, p.curvatureBound(i, lo[i], hi[i]));
    }
    curvature += Math.abs(p.coupling);
    // The curvature term of U is at most d h^2 curvature / 2 with h half a cell.
    double targetWidth = 2.0 * Math.sqrt(2.0 * CURVATURE_SLACK / (d * Math.max(curvature, 1e-300)));
    int cap = d == 1 ? MAX_CELLS_1D : MAX_CELLS_2D;
    for (int i = 0; i < d; i++) {
      double span = hi[i] - lo[i];
      cells[i] = (int) Math.max(1, Math.min(cap, Math.ceil(span / targetWidth)));
      width[i] = span / cells[i];
    }
    int total = d == 1 ? cells[0] : cells[0] * cells[1];
    bound = new double[total];
    double largest = Double.NEGATIVE_INFINITY;
    for (int cell = 0; cell < total; cell++) {
      bound[cell] = cellBound(cell);
      largest = Math.max(largest, bound[cell]);
    }
    cumulative = new double[total];
    double sum = 0.0;
    for (int cell = 0; cell < total; cell++) {
      sum += Math.exp(bound[cell] - largest);
      cumulative[cell] = sum;
    }
  }

  /** A sampler for exp(f) on the box [lo, hi]. */
  static WellSampler build(WellPotential p, double[] lo, double[] hi) {
    return new WellSampler(p, lo, hi);
  }

  /** {@code count} exact draws, row-major (count x dimension). */
  double[] sample(int count, RandomStream stream) {
    int d = p.dimension;
    double[] out = new double[count * d];
    double[] x = new double[2];
    for (int s = 0; s < count; s++) {
      while (true) {
        int cell =
            InverseCdf.firstAbove(cumulative, stream.nextDouble() * cumulative[cumulative.length - 1]);
        int[] index = cellIndex(cell);
        for (int i = 0; i < d; i++) {
          x[i] = lo[i] + (index[i] + stream.nextDouble()) * width[i];
        }
        if (stream.nextDouble() < Math.exp(p.value(x[0], x[1]) - bound[cell])) {
          System.arraycopy(x, 0, out, s * d, d);
          break;
        }
      }
    }
    return out;
  }

  /** The bound U of the cell holding x (a point of the box); {@code x2} unused in 1-D. */
  double envelopeAt(double x1, double x2) {
    int cell = cellOf(0, x1);
    return bound[p.dimension == 1 ? cell : cell * cells[1] + cellOf(1, x2)];
  }

  private int cellOf(int axis, double t) {
    return Math.min(cells[axis] - 1, Math.max(0, (int) Math.floor((t - lo[axis]) / width[axis])));
  }

  private int[] cellIndex(int cell) {
    return p.dimension == 1 ? new int[] {cell} : new int[] {cell / cells[1], cell % cells[1]};
  }

  private double cellBound(int cell) {
    int d = p.dimension;
    int[] index = cellIndex(cell);
    double[] centre = new double[2];
    double[] half = new double[2];
    double[] farthest = new double[2];
    for (int i = 0; i < d; i++) {
      half[i] = 0.5 * width[i];
      centre[i] = lo[i] + (index[i] + 0.5) * width[i];
      farthest[i] = Math.abs(centre[i]) + half[i];
    }
    double firstOrder = 0.0;
    double secondOrder = 0.0;
    for (int i = 0; i < d; i++) {
      firstOrder += Math.abs(p.partial(i, centre[0], centre[1])) * half[i];
      double curvature = p.curvatureBound(i, centre[i] - half[i], centre[i] + half[i]);
      secondOrder += curvature * half[i] * half[i];
    }
    if (d == 2) {
      secondOrder += 2.0 * Math.abs(p.coupling) * half[0] * half[1];
    }
    double margin = ROUNDING_MARGIN * (1.0 + p.termScale(farthest[0], farthest[1]));
    return p.value(centre[0], centre[1]) + firstOrder + 0.5 * secondOrder + margin;
  }
}
