package org.ebmbench.crf.grid;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.random.RandomStream;

/**
 * Seeded binary images of simple shapes and their noisy observations, for denoising: each image
 * holds one to three axis-aligned rectangles or ellipses (+1) on a background (-1), of random
 * position and size; the observation is x_i = y_i + noise * N(0, 1).
 */
public final class ShapeImages {
  private ShapeImages() {}

  /** {@code count} labeled images of size height x width. */
  public static List<LabeledGrid> generate(
      int height, int width, int count, double noise, RandomStream random) {
    if (height < 1 || width < 1 || count < 0 || !(noise >= 0)) {
      throw new IllegalArgumentException(
          "shape images: needs height, width >= 1, count >= 0, noise >= 0, got " + height + " x "
              + width + ", count " + count + ", noise " + noise);
    }
    List<LabeledGrid> images = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int[] y = shapes(height, width, random);
      images.add(new LabeledGrid(observe(y, noise, random), y));
    }
    return List.copyOf(images);
  }

  /** A clean image: background -1 with one to three shapes painted +1. */
  static int[] shapes(int height, int width, RandomStream random) {
    int[] y = new int[height * width];
    java.util.Arrays.fill(y, -1);
    int count = 1 + random.nextInt(3);
    for (int s = 0; s < count; s++) {
      double centerRow = random.nextDouble() * height;
      double centerCol = random.nextDouble() * width;
      double halfHeight = (0.15 + 0.25 * random.nextDouble()) * height;
      double halfWidth = (0.15 + 0.25 * random.nextDouble()) * width;
      boolean ellipse = random.nextInt(2) == 0;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          double dr = (r + 0.5 - centerRow) / halfHeight;
          double dc = (c + 0.5 - centerCol) / halfWidth;
          boolean inside =
              ellipse ? dr * dr + dc * dc <= 1 : Math.abs(dr) <= 1 && Math.abs(dc) <= 1;
          if (inside) {
            y[r * width + c] = 1;
          }
        }
      }
    }
    return y;
  }

  /** x_i = y_i + noise * N(0, 1). */
  static double[] observe(int[] y, double noise, RandomStream random) {
    double[] x = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      x[i] = y[i] + noise * random.nextGaussian();
    }
    return x;
  }

  /**
   * Images whose labels are drawn exactly from {@code truth}'s P(y | x) (by enumeration), given
   * the noisy observations of generated shapes: the truth is then known, so the KL to it is exact.
   */
  public static List<LabeledGrid> drawnFrom(
      GridCrf truth, int count, double noise, RandomStream random) {
    List<LabeledGrid> images = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      double[] x = observe(shapes(truth.height(), truth.width(), random), noise, random);
      images.add(new LabeledGrid(x, new GridEnumeration(truth, x).sample(random)));
    }
    return List.copyOf(images);
  }
}
