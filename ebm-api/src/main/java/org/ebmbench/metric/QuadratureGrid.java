package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;

/**
 * The midpoint rule on a square box [-L, L]^2 cut into n x n cells of width h = 2L / n: the
 * integral of g over the box is approximated by h^2 sum_c g(x_c) over the cell centres x_c. This is
 * how the 2-D toy experiments score a learned energy exactly, without sampling.
 *
 * <p>Points are ordered row-major as an image: index i n + j has x = -L + (j + 1/2) h and y = L -
 * (i + 1/2) h, so row 0 is the top row and values per point can be drawn as a heatmap as they are.
 *
 * <p>Errors, for log Z of a density exp(f): truncation, the mass outside the box (for a Gaussian of
 * standard deviation s, about erfc(dist / (s sqrt 2)) per side at distance dist from its mean),
 * which lowers log Z by about that mass; discretization, which for a smooth integrand that has
 * decayed at the box's edge is spectrally small (Poisson summation: relative error about 2 exp(-2
 * pi^2 s^2 / h^2) per axis for a Gaussian of standard deviation s). A density with edges (the
 * checkerboard) is exact when its edges lie on cell boundaries.
 */
public final class QuadratureGrid {
  private final Ops ops;
  private final double halfWidth;
  private final int cellsPerSide;
  private final double[] hostPoints;
  private final Mat points;

  private QuadratureGrid(Ops ops, double halfWidth, int cellsPerSide) {
    this.ops = ops;
    this.halfWidth = halfWidth;
    this.cellsPerSide = cellsPerSide;
    double h = cellWidth();
    hostPoints = new double[2 * cellsPerSide * cellsPerSide];
    for (int i = 0; i < cellsPerSide; i++) {
      for (int j = 0; j < cellsPerSide; j++) {
        int index = i * cellsPerSide + j;
        hostPoints[2 * index] = -halfWidth + (j + 0.5) * h;
        hostPoints[2 * index + 1] = halfWidth - (i + 0.5) * h;
      }
    }
    points = ops.fromHost(cellsPerSide * cellsPerSide, 2, hostPoints);
  }

  /**
   * The grid of {@code cellsPerSide}^2 cells on [-halfWidth, halfWidth]^2.
   *
   * @throws IllegalArgumentException unless halfWidth is positive and finite and cellsPerSide is in
   *     1..4096
   */
  public static QuadratureGrid square(Ops ops, double halfWidth, int cellsPerSide) {
    if (!(halfWidth > 0) || Double.isInfinite(halfWidth)) {
      throw new IllegalArgumentException(
          "quadrature grid: half width must be positive and finite, got " + halfWidth);
    }
    if (cellsPerSide < 1 || cellsPerSide > 4096) {
      throw new IllegalArgumentException(
          "quadrature grid: cells per side must be in 1..4096, got " + cellsPerSide);
    }
    return new QuadratureGrid(ops, halfWidth, cellsPerSide);
  }

  /** For example "grid 90x90 on [-4.5, 4.5]^2". */
  public String describe() {
    return "grid " + cellsPerSide + "x" + cellsPerSide + " on [-" + halfWidth + ", " + halfWidth
        + "]^2";
  }

  public Ops ops() {
    return ops;
  }

  /** L: the box is [-L, L]^2. */
  public double halfWidth() {
    return halfWidth;
  }

  /** n: the grid has n x n cells. */
  public int cellsPerSide() {
    return cellsPerSide;
  }

  /** The number of points n^2. */
  public int size() {
    return cellsPerSide * cellsPerSide;
  }

  /** The cell width h = 2L / n. */
  public double cellWidth() {
    return 2 * halfWidth / cellsPerSide;
  }

  /** The cell area h^2. */
  public double cellArea() {
    double h = cellWidth();
    return h * h;
  }

  /** The cell centres (n^2 x 2, order in the class comment), shared: do not write to it. */
  public Mat points() {
    return points;
  }

  /** A copy of the cell centres, row-major n^2 x 2. */
  public double[] hostPoints() {
    return hostPoints.clone();
  }

  /** Whether (x, y) lies in the box [-L, L)^2. */
  public boolean contains(double x, double y) {
    return x >= -halfWidth && x < halfWidth && y >= -halfWidth && y < halfWidth;
  }

  /** The index of the cell holding (x, y), which must lie in the box. */
  public int cellOf(double x, double y) {
    double h = cellWidth();
    int j = Math.min(cellsPerSide - 1, (int) Math.floor((x + halfWidth) / h));
    int i = Math.min(cellsPerSide - 1, (int) Math.floor((halfWidth - y) / h));
    return Math.max(0, i) * cellsPerSide + Math.max(0, j);
  }

  /**
   * f at every point into {@code out} (n^2 x 1) and log Z = log(h^2 sum_c exp f(x_c)).
   *
   * @throws IllegalArgumentException if the model is not 2-D
   */
  public double logDensityUnnormalized(EnergyModel model, Mat out) {
    Capabilities.requireRowsOf(model, points, "quadrature on the " + describe() + ": points");
    model.logDensityUnnormalized(points, out);
    return ops.logSumExp(out) + Math.log(cellArea());
  }

  /** log Z = log(h^2 sum_c exp f(x_c)) of a 2-D model. */
  public double logPartition(EnergyModel model) {
    return logDensityUnnormalized(model, ops.zeros(size(), 1));
  }

  /**
   * The model's probability of each cell, exp f(x_c) h^2 / Z (summing to one), into {@code
   * weightsOut} (n^2 x 1).
   *
   * @return log Z
   */
  public double cellProbabilities(EnergyModel model, Mat weightsOut) {
    double logZ = logDensityUnnormalized(model, weightsOut);
    ops.affine(weightsOut, 1.0, Math.log(cellArea()) - logZ, weightsOut);
    ops.map(UnaryFunction.EXP, weightsOut, weightsOut);
    return logZ;
  }
}
