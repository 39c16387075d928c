package org.ebmbench.crf.grid;

/**
 * A binary denoising CRF on a height x width grid (Ising-like): labels y_i in {-1, +1}, real
 * observations x_i, and
 *
 * <pre>
 *   f(x, y) = sum_i (bias + unary * x_i) y_i + coupling * sum_{i~j} y_i y_j
 * </pre>
 *
 * over the 4-neighbour edges i~j. P(y|x) = exp(f(x,y)) / Z(x). The three weights are the
 * parameters, in the order {@link #BIAS}, {@link #UNARY}, {@link #COUPLING}; the sufficient
 * statistics are (sum_i y_i, sum_i x_i y_i, sum_{i~j} y_i y_j). Sites are numbered row-major.
 *
 * @param height rows of the grid
 * @param width columns of the grid
 * @param weights {bias, unary, coupling}
 */
public record GridCrf(int height, int width, double[] weights) {
  public static final int BIAS = 0;
  public static final int UNARY = 1;
  public static final int COUPLING = 2;
  /** Number of parameters. */
  public static final int PARAMETERS = 3;

  /** Checks the shape and copies the weights. */
  public GridCrf {
    if (height < 1 || width < 1 || weights.length != PARAMETERS) {
      throw new IllegalArgumentException(
          "grid CRF: needs height, width >= 1 and 3 weights, got "
              + height + " x " + width + " with " + weights.length + " weights");
    }
    weights = weights.clone();
  }

  /** A grid CRF with the weights {bias, unary, coupling}. */
  public static GridCrf of(int height, int width, double bias, double unary, double coupling) {
    return new GridCrf(height, width, new double[] {bias, unary, coupling});
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** Number of sites. */
  public int sites() {
    return height * width;
  }

  /** b + u x_i + c * sum of the neighbours' labels: f changes by 2 * field when y_i goes -1 -> 1. */
  double localField(double[] x, int[] y, int site) {
    return weights[BIAS] + weights[UNARY] * x[site] + weights[COUPLING] * neighbourSum(y, site);
  }

  /** The sum of the 4-neighbours' labels of {@code site}. */
  int neighbourSum(int[] y, int site) {
    int row = site / width;
    int col = site % width;
    int sum = 0;
    if (row > 0) {
      sum += y[site - width];
    }
    if (row < height - 1) {
      sum += y[site + width];
    }
    if (col > 0) {
      sum += y[site - 1];
    }
    if (col < width - 1) {
      sum += y[site + 1];
    }
    return sum;
  }

  /** Adds {@code factor} times the sufficient statistics phi(x, y) to {@code target[0..2]}. */
  public void addFeatures(double[] x, int[] y, double factor, double[] target) {
    check(x, y);
    double sum = 0;
    double observed = 0;
    double pairs = 0;
    for (int i = 0; i < y.length; i++) {
      sum += y[i];
      observed += x[i] * y[i];
      if ((i % width) < width - 1) {
        pairs += y[i] * y[i + 1];
      }
      if (i + width < y.length) {
        pairs += y[i] * y[i + width];
      }
    }
    target[BIAS] += factor * sum;
    target[UNARY] += factor * observed;
    target[COUPLING] += factor * pairs;
  }

  /** The unnormalized log-probability f(x, y). */
  public double score(double[] x, int[] y) {
    double[] phi = new double[PARAMETERS];
    addFeatures(x, y, 1, phi);
    return weights[BIAS] * phi[BIAS] + weights[UNARY] * phi[UNARY]
        + weights[COUPLING] * phi[COUPLING];
  }

  void check(double[] x, int[] y) {
    if (x.length != sites() || y.length != sites()) {
      throw new IllegalArgumentException(
          "grid CRF: " + height + " x " + width + " grid got " + x.length
              + " observations and " + y.length + " labels");
    }
  }
}
