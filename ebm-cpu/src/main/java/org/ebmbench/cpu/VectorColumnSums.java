package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuOps#columnSums} over float storage in SIMD lanes: each column is still summed down the
 * rows in order into a double, so the bits are those of the scalar loop; a vector of doubles holds
 * the sums of that many adjacent columns. The scalar loop read each element through {@code
 * CpuMat.get} and took 12-15 us for 256 x 128 floats, 4% of a float denoising score-matching step.
 * Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorColumnSums {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  /** Columns per double vector. */
  private static final int STEP = DOUBLES.length();

  private VectorColumnSums() {}

  /**
   * acc[c - from] = the double sum of column c of s down its rows, for the columns c from {@code
   * from} on, a vector of columns at a time; returns the first column not summed (the scalar loop
   * does the rest). Each float vector read must fit in the row, hence the bound.
   */
  static int sum(CpuMat.Floats s, int from, int to, double[] acc) {
    int end = Math.min(to, s.cols - FLOATS.length() + STEP);
    int c = from;
    // Four vectors of columns at a time, so four sums are in flight (an add waits for the last).
    for (; c + 4 * STEP <= end; c += 4 * STEP) {
      DoubleVector s0 = DoubleVector.zero(DOUBLES);
      DoubleVector s1 = DoubleVector.zero(DOUBLES);
      DoubleVector s2 = DoubleVector.zero(DOUBLES);
      DoubleVector s3 = DoubleVector.zero(DOUBLES);
      for (int r = 0, at = s.offset + c; r < s.rows; r++, at += s.cols) {
        s0 = s0.add(widened(s.data, at));
        s1 = s1.add(widened(s.data, at + STEP));
        s2 = s2.add(widened(s.data, at + 2 * STEP));
        s3 = s3.add(widened(s.data, at + 3 * STEP));
      }
      s0.intoArray(acc, c - from);
      s1.intoArray(acc, c - from + STEP);
      s2.intoArray(acc, c - from + 2 * STEP);
      s3.intoArray(acc, c - from + 3 * STEP);
    }
    for (; c + STEP <= end; c += STEP) {
      DoubleVector s0 = DoubleVector.zero(DOUBLES);
      for (int r = 0, at = s.offset + c; r < s.rows; r++, at += s.cols) {
        s0 = s0.add(widened(s.data, at));
      }
      s0.intoArray(acc, c - from);
    }
    return c;
  }

  /** The STEP floats from {@code at} as doubles (a whole float vector is read). */
  private static DoubleVector widened(float[] data, int at) {
    return (DoubleVector)
        FloatVector.fromArray(FLOATS, data, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }
}
