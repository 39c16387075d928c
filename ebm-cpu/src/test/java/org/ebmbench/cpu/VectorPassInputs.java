package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

/** Inputs for tests that compare an element pass's SIMD lanes with its scalar loop bit for bit. */
final class VectorPassInputs {
  /** Elements per test chunk: not a multiple of any lane count, so the scalar tail runs too. */
  static final int LENGTH = 1000 + 3;

  private VectorPassInputs() {}

  /** Skips the calling test when the JVM runs without the Vector API module. */
  static void assumeVectorApi() {
    // The build runs the tests with the module (pom.xml argLine); without it there is nothing to
    // compare.
    assumeTrue(ElementPass.VECTOR_API, "the jdk.incubator.vector module is not loaded");
  }

  /**
   * {@code offset} zeros, then {@link #LENGTH} inputs: the exp's edge cases (signed zeros, its
   * cut-offs at -708 and 709 and beyond, NaN, infinities, subnormals), then draws uniform on
   * (-range, range).
   */
  static double[] withEdgeCases(long seed, int offset, double range) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] special = {0.0, -0.0, 709.5, -709.5, 708.5, -708.5, 800, -800, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-310, -1e-310};
    double[] x = new double[offset + LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      x[offset + i] = i < special.length ? special[i] : random.nextDouble(-range, range);
    }
    return x;
  }

  /**
   * {@code offset} zeros, then {@code length} float inputs: edge cases (signed zeros, the float
   * exp's clamps and beyond, NaN, infinities, subnormals), then draws uniform on (-100, 100) and,
   * for half of them, (-20, 20), where the sigmoid is neither 0 nor 1 in float.
   */
  static float[] floats(long seed, int offset, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] special = {0f, -0f, 86.9f, 87f, 87.1f, -87.9f, -88f, -88.1f, 88.7f, -104f, 200f, -200f,
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-40f, -1e-40f};
    float[] a = new float[offset + length];
    for (int i = 0; i < length; i++) {
      double range = i % 2 == 0 ? 100 : 20;
      a[offset + i] = i < special.length ? special[i] : (float) random.nextDouble(-range, range);
    }
    return a;
  }
}
