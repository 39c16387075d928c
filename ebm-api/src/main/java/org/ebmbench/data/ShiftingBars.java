package org.ebmbench.data;

import org.ebmbench.model.Domain;

/**
 * The shifting-bars images: a one-dimensional strip of {@code width} binary pixels with one bar of
 * {@code length} consecutive pixels on, at any of the {@code width} cyclic positions (a bar that
 * runs past the right edge wraps to the left). There are exactly {@code width} distinct patterns,
 * each a shift of the first, so every pixel is on equally often and the data has no marginal
 * structure: a model must learn the correlations. The distribution is uniform over the patterns,
 * so the best mean log-likelihood is exactly -log(width).
 */
public final class ShiftingBars {
  /** The widest strip, to keep exact enumeration of the visible layer cheap. */
  public static final int MAX_WIDTH = 24;

  private ShiftingBars() {}

  /** The best achievable mean log-likelihood, -log(width). */
  public static double optimalLogLikelihood(int width) {
    requireShape(width, 1);
    return -Math.log(width);
  }

  /** Every pattern once: row p has pixels p, p + 1, ..., p + length - 1 (mod width) on. */
  public static Dataset patterns(int width, int length) {
    requireShape(width, length);
    double[] values = new double[width * width];
    for (int p = 0; p < width; p++) {
      for (int k = 0; k < length; k++) {
        values[p * width + (p + k) % width] = 1.0;
      }
    }
    return Dataset.of(
        "shifting-bars-" + width + "-" + length, width, width, values, Domain.BINARY);
  }

  private static void requireShape(int width, int length) {
    if (width < 2 || width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "shifting-bars width must be in [2, " + MAX_WIDTH + "], got " + width);
    }
    if (length < 1 || length >= width) {
      throw new IllegalArgumentException(
          "shifting-bars length must be in [1, width - 1] = [1, " + (width - 1) + "], got "
              + length);
    }
  }
}
