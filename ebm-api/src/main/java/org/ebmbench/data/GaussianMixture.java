package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * An equal-weight mixture of K isotropic Gaussians N(mu_k, sigma^2 I) on R^d:
 *
 * <pre>
 *   log p(x) = log sum_k exp(-|x - mu_k|^2 / (2 sigma^2)) - log K - d/2 log(2 pi sigma^2)
 *   grad log p(x) = sum_k r_k(x) (mu_k - x) / sigma^2,   r_k = posterior weight of component k
 * </pre>
 *
 * Exact draws: a uniform component, then mu_k + sigma z.
 */
public final class GaussianMixture implements Density {
  private final String name;
  private final double[][] centers;
  private final double sigma;
  private final int dimension;

  /**
   * @param centers K x d component means (copied), K >= 1, all rows of one length d >= 1
   * @param sigma the common standard deviation, positive
   */
  public GaussianMixture(String name, double[][] centers, double sigma) {
    if (centers.length == 0 || centers[0].length == 0) {
      throw new IllegalArgumentException("gaussian mixture '" + name + "' needs at least one centre of dimension >= 1");
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "gaussian mixture '" + name + "': sigma must be positive and finite, got " + sigma);
    }
    this.name = name;
    this.dimension = centers[0].length;
    this.centers = new double[centers.length][];
    for (int k = 0; k < centers.length; k++) {
      if (centers[k].length != dimension) {
        throw new IllegalArgumentException(
            "gaussian mixture '" + name + "': centre " + k + " has " + centers[k].length
                + " coordinates, centre 0 has " + dimension);
      }
      this.centers[k] = centers[k].clone();
    }
    this.sigma = sigma;
  }

  /**
   * "8gaussians" as in FFJORD's toy_data.py (Grathwohl et al. 2019): centres at radius 4 in the
   * directions k pi / 4, standard deviation 0.5, and the whole sample divided by 1.414. So the
   * centres lie at radius 4 / 1.414 ~ 2.829 and sigma = 0.5 / 1.414 ~ 0.354.
   */
  public static GaussianMixture eightGaussians() {
    double scale = 1.414;
    double[][] centers = new double[8][];
    double h = 1 / Math.sqrt(2);
    double[][] unit = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {h, h}, {h, -h}, {-h, h}, {-h, -h}};
    for (int k = 0; k < 8; k++) {
      centers[k] = new double[] {4 * unit[k][0] / scale, 4 * unit[k][1] / scale};
    }
    return new GaussianMixture("8gaussians", centers, 0.5 / scale);
  }

  /**
   * The d-dimensional mixture of the cost-versus-dimension experiment: 2d components at +-2 e_i
   * (the coordinate axes), sigma = 0.5. Well separated (4 sigma from the origin) in every d.
   */
  public static GaussianMixture axes(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("gaussian mixture on the axes: d must be >= 1, got " + d);
    }
    double[][] centers = new double[2 * d][d];
    for (int i = 0; i < d; i++) {
      centers[2 * i][i] = 2;
      centers[2 * i + 1][i] = -2;
    }
    return new GaussianMixture("mixture" + d, centers, 0.5);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The common standard deviation. */
  public double sigma() {
    return sigma;
  }

  /** The number of components K. */
  public int components() {
    return centers.length;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[n * dimension];
    for (int r = 0; r < n; r++) {
      double[] mu = centers[stream.nextInt(centers.length)];
      for (int j = 0; j < dimension; j++) {
        out[r * dimension + j] = mu[j] + sigma * stream.nextGaussian();
      }
    }
    return out;
  }

  @Override
  public boolean hasLogDensity() {
    return true;
  }

  @Override
  public double logDensity(double[] x, int offset) {
    double[] exponents = exponents(x, offset);
    double max = max(exponents);
    double sum = 0;
    for (double e : exponents) {
      sum += Math.exp(e - max);
    }
    return max + Math.log(sum) - Math.log(centers.length)
        - 0.5 * dimension * Math.log(2 * Math.PI * sigma * sigma);
  }

  @Override
  public boolean hasScore() {
    return true;
  }

  @Override
  public void score(double[] x, int offset, double[] out, int outOffset) {
    double[] exponents = exponents(x, offset);
    double max = max(exponents);
    double total = 0;
    for (int k = 0; k < exponents.length; k++) {
      exponents[k] = Math.exp(exponents[k] - max);
      total += exponents[k];
    }
    double variance = sigma * sigma;
    for (int j = 0; j < dimension; j++) {
      double s = 0;
      for (int k = 0; k < centers.length; k++) {
        s += exponents[k] * (centers[k][j] - x[offset + j]);
      }
      out[outOffset + j] = s / (total * variance);
    }
  }

  /** -|x - mu_k|^2 / (2 sigma^2) for each k. */
  private double[] exponents(double[] x, int offset) {
    double[] e = new double[centers.length];
    for (int k = 0; k < centers.length; k++) {
      double s = 0;
      for (int j = 0; j < dimension; j++) {
        double diff = x[offset + j] - centers[k][j];
        s += diff * diff;
      }
      e[k] = -s / (2 * sigma * sigma);
    }
    return e;
  }

  private static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
