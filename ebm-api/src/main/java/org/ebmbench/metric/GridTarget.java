package org.ebmbench.metric;

import org.ebmbench.data.Density;
import org.ebmbench.engine.Mat;
import org.ebmbench.random.RandomStream;

/**
 * A data distribution on a {@link QuadratureGrid}: its mass in each cell, q_c, and where known its
 * log-density and score at the cell centres. The grid metrics score a model against it.
 *
 * <ul>
 *   <li>{@link #exact}: q_c = p(x_c) h^2 from the closed-form density (midpoint rule; the masses
 *       sum to one less the mass outside the box);
 *   <li>{@link #histogram}: q_c = (draws in cell c) / N from N exact draws (draws outside the box
 *       are dropped), and log p(x_c) = log(q_c / h^2). A KL computed from it is the divergence
 *       between the two distributions discretized to the cells, which is at most the continuous
 *       one (data processing), plus the histogram's sampling noise: a cell with expected count m
 *       carries relative noise 1 / sqrt(m).
 * </ul>
 */
public final class GridTarget {
  private final QuadratureGrid grid;
  private final String describe;
  private final double[] masses;
  private final double sumMassTimesLogDensity;
  private final Mat massesOnEngine;
  private final Mat logDensity;
  private final Mat score;

  private GridTarget(
      QuadratureGrid grid, String describe, double[] masses, double[] logDensity, double[] score) {
    this.grid = grid;
    this.describe = describe;
    this.masses = masses;
    double sum = 0;
    boolean positive = true;
    for (int c = 0; c < masses.length; c++) {
      if (masses[c] > 0) {
        sum += masses[c] * logDensity[c];
      }
      positive &= masses[c] > 0;
    }
    this.sumMassTimesLogDensity = sum;
    this.massesOnEngine = grid.ops().fromHost(masses.length, 1, masses);
    this.logDensity = positive ? grid.ops().fromHost(masses.length, 1, logDensity) : null;
    this.score = score == null ? null : grid.ops().fromHost(masses.length, 2, score);
  }

  /**
   * The exact masses of a 2-D density with a closed-form log-density, and its score if it has one.
   *
   * @throws IllegalArgumentException if the density is not 2-D or has no log-density
   */
  public static GridTarget exact(QuadratureGrid grid, Density density) {
    requireTwoDimensional(density);
    if (!density.hasLogDensity()) {
      throw new IllegalArgumentException(
          density.name() + " has no closed-form log-density: use a histogram of exact draws");
    }
    double[] points = grid.hostPoints();
    int size = grid.size();
    double[] logDensity = new double[size];
    double[] masses = new double[size];
    for (int c = 0; c < size; c++) {
      logDensity[c] = density.logDensity(points, 2 * c);
      masses[c] = Math.exp(logDensity[c]) * grid.cellArea();
    }
    double[] score = null;
    if (density.hasScore()) {
      score = new double[2 * size];
      for (int c = 0; c < size; c++) {
        density.score(points, 2 * c, score, 2 * c);
      }
    }
    return new GridTarget(grid, "exact density", masses, logDensity, score);
  }

  /** The cell frequencies of {@code draws} exact draws of a 2-D density. */
  public static GridTarget histogram(
      QuadratureGrid grid, Density density, int draws, RandomStream stream) {
    requireTwoDimensional(density);
    if (draws < 1) {
      throw new IllegalArgumentException("histogram of " + density.name() + ": " + draws + " draws");
    }
    double[] sample = density.sample(draws, stream);
    double[] masses = new double[grid.size()];
    for (int r = 0; r < draws; r++) {
      double x = sample[2 * r];
      double y = sample[2 * r + 1];
      if (grid.contains(x, y)) {
        masses[grid.cellOf(x, y)] += 1.0 / draws;
      }
    }
    double[] logDensity = new double[grid.size()];
    for (int c = 0; c < masses.length; c++) {
      logDensity[c] = Math.log(masses[c] / grid.cellArea());
    }
    return new GridTarget(grid, "histogram of " + draws + " exact draws", masses, logDensity, null);
  }

  /** {@link #exact} where the density has a log-density, else a {@link #histogram}. */
  public static GridTarget of(QuadratureGrid grid, Density density, int draws, RandomStream stream) {
    return density.hasLogDensity() ? exact(grid, density) : histogram(grid, density, draws, stream);
  }

  private static void requireTwoDimensional(Density density) {
    if (density.dimension() != 2) {
      throw new IllegalArgumentException(
          "grid quadrature is 2-D; " + density.name() + " has dimension " + density.dimension());
    }
  }

  /** "exact density" or "histogram of N exact draws". */
  public String describe() {
    return describe;
  }

  public QuadratureGrid grid() {
    return grid;
  }

  /** A copy of the cell masses q_c (n^2, the grid's order). */
  public double[] masses() {
    return masses.clone();
  }

  /** The masses on the engine (n^2 x 1), shared: do not write to it. */
  Mat massesOnEngine() {
    return massesOnEngine;
  }

  /** sum_c q_c log p(x_c), over the cells of positive mass. */
  double sumMassTimesLogDensity() {
    return sumMassTimesLogDensity;
  }

  /** Whether every cell has positive mass (then KL(model || data) is finite on the grid). */
  public boolean positiveEverywhere() {
    return logDensity != null;
  }

  /** log p(x_c) (n^2 x 1), or null unless {@link #positiveEverywhere()}. */
  Mat logDensity() {
    return logDensity;
  }

  /** Whether the score at the cell centres is known. */
  public boolean hasScore() {
    return score != null;
  }

  /** grad log p(x_c) (n^2 x 2), or null. */
  Mat score() {
    return score;
  }
}
