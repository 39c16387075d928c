package org.ebmbench.data;

import org.ebmbench.model.Domain;
import org.ebmbench.random.RandomStream;

/**
 * The bars-and-stripes images (MacKay 2003): on a size x size grid of binary pixels, either a set
 * of whole rows is on (horizontal bars) or a set of whole columns is on (vertical stripes). There
 * are 2^size bar patterns and 2^size stripe patterns, but the blank and the full image are both, so
 * there are 2^(size+1) - 2 distinct patterns (30 for the usual 4 x 4).
 *
 * <p>The distribution here is uniform over the distinct patterns, so the best achievable mean
 * log-likelihood is minus its entropy, exactly -log(2^(size+1) - 2) nats (-log 30 = -3.4012 for 4 x
 * 4). This differs from the generative recipe "choose bars or stripes with probability 1/2, then
 * each line on with probability 1/2", which gives the blank and the full image twice the
 * probability of the others. Pixel (r, c) is column r * size + c.
 */
public final class BarsAndStripes {
  /** The largest grid side: 2^9 - 2 = 510 patterns of 64 pixels. */
  public static final int MAX_SIZE = 8;

  private BarsAndStripes() {}

  /** The number of distinct patterns, 2^(size+1) - 2. */
  public static int patternCount(int size) {
    requireSize(size);
    return (2 << size) - 2;
  }

  /** The best achievable mean log-likelihood, -log(patternCount): minus the entropy. */
  public static double optimalLogLikelihood(int size) {
    return -Math.log(patternCount(size));
  }

  /**
   * Every distinct pattern once: first the bars for line masks 0 .. 2^size - 1 (bit r of the mask
   * turns row r on), then the stripes for masks 1 .. 2^size - 2 (bit c turns column c on; the blank
   * and full masks are already among the bars).
   */
  public static Dataset patterns(int size) {
    int count = patternCount(size);
    int pixels = size * size;
    double[] values = new double[count * pixels];
    int lines = 1 << size;
    for (int mask = 0; mask < lines; mask++) {
      writePattern(size, mask, true, values, mask * pixels);
    }
    for (int mask = 1; mask < lines - 1; mask++) {
      writePattern(size, mask, false, values, (lines + mask - 1) * pixels);
    }
    return Dataset.of(name(size), count, pixels, values, Domain.BINARY);
  }

  /**
   * {@code count} independent draws, uniform over the distinct patterns: one {@code nextInt} per
   * row from {@code stream}.
   */
  public static Dataset sample(int size, int count, RandomStream stream) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "bars-and-stripes sample count must be >= 1, got " + count);
    }
    double[] all = patterns(size).values();
    int pixels = size * size;
    int patterns = patternCount(size);
    double[] values = new double[count * pixels];
    for (int r = 0; r < count; r++) {
      System.arraycopy(all, stream.nextInt(patterns) * pixels, values, r * pixels, pixels);
    }
    return Dataset.of(name(size) + "-sample", count, pixels, values, Domain.BINARY);
  }

  private static void writePattern(int size, int mask, boolean bars, double[] out, int offset) {
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        int line = bars ? r : c;
        out[offset + r * size + c] = (mask >> line) & 1;
      }
    }
  }

  private static String name(int size) {
    return "bars-and-stripes-" + size + "x" + size;
  }

  private static void requireSize(int size) {
    if (size < 2 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "bars-and-stripes size must be in [2, " + MAX_SIZE + "], got " + size);
    }
  }
}
