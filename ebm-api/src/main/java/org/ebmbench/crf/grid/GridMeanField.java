package org.ebmbench.crf.grid;

/**
 * Naive mean-field inference for a grid CRF: magnetizations m_i = E_q[y_i] of a fully factorized
 * q, from the fixed point m_i = tanh(b + u x_i + c sum_{j~i} m_j), iterated with in-place
 * (Gauss-Seidel) updates from m_i = tanh(b + u x_i). The denoised image is sign(m_i), ties to +1.
 */
public final class GridMeanField {
  /** Sweeps of the fixed-point iteration: plenty for the weak-to-moderate couplings learned here. */
  public static final int SWEEPS = 30;

  private GridMeanField() {}

  /** The mean-field magnetizations after {@link #SWEEPS} sweeps. */
  public static double[] magnetizations(GridCrf model, double[] x) {
    int height = model.height();
    int width = model.width();
    double[] w = model.weights();
    double[] m = new double[model.sites()];
    for (int i = 0; i < m.length; i++) {
      m[i] = Math.tanh(w[GridCrf.BIAS] + w[GridCrf.UNARY] * x[i]);
    }
    for (int s = 0; s < SWEEPS; s++) {
      for (int i = 0; i < m.length; i++) {
        int row = i / width;
        int col = i % width;
        double neighbours = 0;
        neighbours += row > 0 ? m[i - width] : 0;
        neighbours += row < height - 1 ? m[i + width] : 0;
        neighbours += col > 0 ? m[i - 1] : 0;
        neighbours += col < width - 1 ? m[i + 1] : 0;
        m[i] = Math.tanh(w[GridCrf.BIAS] + w[GridCrf.UNARY] * x[i] + w[GridCrf.COUPLING] * neighbours);
      }
    }
    return m;
  }

  /** The denoised labels sign(m_i). */
  public static int[] denoise(GridCrf model, double[] x) {
    double[] m = magnetizations(model, x);
    int[] y = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      y[i] = m[i] >= 0 ? 1 : -1;
    }
    return y;
  }

  /** The fraction of sites where the mean-field denoising of x differs from y. */
  public static double pixelError(GridCrf model, LabeledGrid image) {
    int[] predicted = denoise(model, image.x());
    int wrong = 0;
    for (int i = 0; i < predicted.length; i++) {
      wrong += predicted[i] != image.y()[i] ? 1 : 0;
    }
    return (double) wrong / predicted.length;
  }
}
