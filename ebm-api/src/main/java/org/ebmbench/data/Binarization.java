package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * How grey-level pixels in [0, 255] become binary: each pixel is first scaled to an intensity p =
 * pixel / 255 in [0, 1].
 */
public abstract class Binarization {
  private Binarization() {}

  /**
   * A pixel is 1 when p > {@code threshold}, else 0: the deterministic choice. At threshold 0.5 a
   * pixel is 1 from grey level 128 up.
   */
  public static Binarization threshold(double threshold) {
    if (!(threshold >= 0.0 && threshold < 1.0)) {
      throw new IllegalArgumentException(
          "binarization threshold must be in [0, 1), got " + threshold);
    }
    return new Binarization() {
      @Override
      public String describe() {
        return "threshold(" + threshold + ")";
      }

      @Override
      void binarize(IdxFile pixels, double[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = pixels.unsigned(i) / 255.0 > threshold ? 1.0 : 0.0;
        }
      }
    };
  }

  /**
   * A pixel is 1 with probability p, independently (Salakhutdinov and Murray's binarized MNIST):
   * one uniform u per pixel, in row-major order over the whole image set, from a stream derived
   * from {@code seed}, and the pixel is 1 when u < p. Grey level 0 is always 0, 255 always 1.
   */
  public static Binarization stochastic(long seed) {
    return new Binarization() {
      @Override
      public String describe() {
        return "stochastic(seed=" + seed + ")";
      }

      @Override
      void binarize(IdxFile pixels, double[] out) {
        RandomStream stream = RandomStream.derive(seed, "binarization");
        for (int i = 0; i < out.length; i++) {
          out[i] = stream.nextDouble() < pixels.unsigned(i) / 255.0 ? 1.0 : 0.0;
        }
      }
    };
  }

  /** A short, stable description, for results files. */
  public abstract String describe();

  /** Binarizes the first {@code out.length} grey levels of {@code pixels} into {@code out}. */
  abstract void binarize(IdxFile pixels, double[] out);
}
