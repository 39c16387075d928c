package org.ebmbench.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.engine.ProductSum.Broadcast;

/**
 * The pass of {@link CpuOps#productSum}, in chunks of {@link ElementPass#CHUNK} elements: each
 * distinct operand is read once per chunk from an array of the storage precision (a full
 * operand's own storage, else a broadcast copy in the level-1 cache), every term is formed and
 * added in SIMD lanes ({@link VectorProducts}, {@link VectorFloatProducts}) into out, or into a
 * scratch chunk copied to out when out is also a factor of a sum of several terms. The arithmetic
 * is that of the storage: double for double matrices; float for float matrices, where widening
 * every operand to double and rounding back took about as long as the arithmetic itself (a fifth
 * of a float exact score-matching step). Operands and arithmetic do not
 * depend on how [0, length) is split, so the bits do not depend on the thread count.
 */
final class ProductSumPass {
  /** What the first term of a chunk adds its products to. */
  private static final double[] DOUBLE_ZEROS = new double[ElementPass.CHUNK];

  private static final float[] FLOAT_ZEROS = new float[ElementPass.CHUNK];

  private final CpuMat out;
  /** The distinct matrices among the factors, each with how it is read. */
  private final CpuMat[] operands;

  private final Broadcast[] broadcasts;
  private final double[] coefficients;
  /** Per term, the indices of its factors in {@link #operands}. */
  private final int[][] terms;

  /**
   * Whether the terms are added up in out itself: unless out is also a factor and there are
   * several terms (a later term must read out's old values). Going through scratch (zeroed, then
   * copied into out) took a third longer for a 256 x 128 float product of two matrices.
   */
  private final boolean direct;

  /**
   * @param factors the factors of {@code sum} as cpu matrices, indexed as in the sum
   */
  ProductSumPass(ProductSum sum, CpuMat[][] factors, CpuMat out) {
    this.out = out;
    Broadcast[][] kinds = sum.broadcasts(out);
    List<CpuMat> distinct = new ArrayList<>();
    List<Broadcast> distinctKinds = new ArrayList<>();
    coefficients = new double[sum.terms()];
    terms = new int[sum.terms()][];
    for (int t = 0; t < sum.terms(); t++) {
      coefficients[t] = sum.coefficient(t);
      terms[t] = new int[factors[t].length];
      for (int k = 0; k < factors[t].length; k++) {
        int slot = indexOf(distinct, factors[t][k]);
        if (slot < 0) {
          slot = distinct.size();
          distinct.add(factors[t][k]);
          distinctKinds.add(kinds[t][k]);
        }
        terms[t][k] = slot;
      }
    }
    operands = distinct.toArray(new CpuMat[0]);
    broadcasts = distinctKinds.toArray(new Broadcast[0]);
    direct = terms.length == 1 || !overlapsAnOperand(out, operands);
  }

  private static boolean overlapsAnOperand(CpuMat out, CpuMat[] operands) {
    for (CpuMat m : operands) {
      if (m.overlaps(out)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(List<CpuMat> list, Mat m) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == m) {
        return i;
      }
    }
    return -1;
  }

  /** Evaluates elements [from, to) of out. */
  void run(int from, int to) {
    if (out instanceof CpuMat.Floats) {
      runFloats(from, to);
    } else {
      runDoubles(from, to);
    }
  }

  private void runDoubles(int from, int to) {
    int width = Math.min(ElementPass.CHUNK, to - from);
    int count = operands.length;
    double[][] arrays = new double[count][];
    int[] offsets = new int[count];
    for (int s = 0; s < count; s++) {
      CpuMat m = operands[s];
      arrays[s] = broadcasts[s] == Broadcast.FULL
          ? ((CpuMat.Doubles) m).data
          : new double[scratchLength(s, width)];
      if (broadcasts[s] == Broadcast.ROW) {
        System.arraycopy(((CpuMat.Doubles) m).data, m.offset, arrays[s], 0, out.cols);
        repeatRow(arrays[s], out.cols, arrays[s].length);
      }
    }
    Fill[] fills = new Fill[count];
    for (int s = 0; s < count; s++) {
      double[] array = arrays[s];
      fills[s] = (i, end, value) -> Arrays.fill(array, i, end, value);
    }
    double[] scratch = direct ? null : new double[width];
    double[] data = ((CpuMat.Doubles) out).data;
    for (int start = from; start < to; start += ElementPass.CHUNK) {
      int length = Math.min(ElementPass.CHUNK, to - start);
      for (int s = 0; s < count; s++) {
        offsets[s] = load(s, start, length, fills[s]);
      }
      double[] into = direct ? data : scratch;
      int oi = direct ? out.offset + start : 0;
      for (int t = 0; t < terms.length; t++) {
        // The first term adds its product to +0 (so a zero sum is +0), the others to the sum so far.
        accumulate(coefficients[t], terms[t], arrays, offsets, t == 0 ? DOUBLE_ZEROS : into,
            t == 0 ? 0 : oi, into, oi, length);
      }
      if (!direct) {
        System.arraycopy(scratch, 0, data, out.offset + start, length);
      }
    }
  }

  /** {@link #runDoubles} in float arrays and float arithmetic; coefficients rounded to float. */
  private void runFloats(int from, int to) {
    int width = Math.min(ElementPass.CHUNK, to - from);
    int count = operands.length;
    float[][] arrays = new float[count][];
    int[] offsets = new int[count];
    for (int s = 0; s < count; s++) {
      CpuMat m = operands[s];
      arrays[s] = broadcasts[s] == Broadcast.FULL
          ? ((CpuMat.Floats) m).data
          : new float[scratchLength(s, width)];
      if (broadcasts[s] == Broadcast.ROW) {
        System.arraycopy(((CpuMat.Floats) m).data, m.offset, arrays[s], 0, out.cols);
        repeatRow(arrays[s], out.cols, arrays[s].length);
      }
    }
    Fill[] fills = new Fill[count];
    for (int s = 0; s < count; s++) {
      float[] array = arrays[s];
      fills[s] = (i, end, value) -> Arrays.fill(array, i, end, (float) value);
    }
    float[] scratch = direct ? null : new float[width];
    float[] data = ((CpuMat.Floats) out).data;
    for (int start = from; start < to; start += ElementPass.CHUNK) {
      int length = Math.min(ElementPass.CHUNK, to - start);
      for (int s = 0; s < count; s++) {
        offsets[s] = load(s, start, length, fills[s]);
      }
      float[] into = direct ? data : scratch;
      int oi = direct ? out.offset + start : 0;
      for (int t = 0; t < terms.length; t++) {
        accumulate((float) coefficients[t], terms[t], arrays, offsets, t == 0 ? FLOAT_ZEROS : into,
            t == 0 ? 0 : oi, into, oi, length);
      }
      if (!direct) {
        System.arraycopy(scratch, 0, data, out.offset + start, length);
      }
    }
  }

  /**
   * Fills {@code array} (a double[] or float[] of {@code length}) with copies of its first {@code
   * cols} elements, doubling the filled part with each copy (element by element through CpuMat's
   * get with a modulo, a 256 x 128 float sum with a broadcast row took 20 us instead of 15).
   */
  private static void repeatRow(Object array, int cols, int length) {
    for (int filled = cols; filled < length; filled *= 2) {
      System.arraycopy(array, 0, array, filled, Math.min(filled, length - filled));
    }
  }

  /**
   * The length of operand s's work array: a row's elements repeated over a chunk and one row more,
   * so every chunk is a window of it; a column's values spread over one chunk.
   */
  private int scratchLength(int s, int width) {
    return broadcasts[s] == Broadcast.ROW ? width + out.cols : width;
  }

  /** Fills elements [from, to) of a work array with one value. */
  @FunctionalInterface
  private interface Fill {
    void fill(int from, int to, double value);
  }

  /**
   * Makes elements [start, start + length) of out's shape readable for operand s and returns the
   * offset of element start in its array: a full operand's place in its storage, a row's window,
   * or 0 for a column, whose values {@code fill} spreads over the work array, row by row.
   */
  private int load(int s, int start, int length, Fill fill) {
    CpuMat m = operands[s];
    switch (broadcasts[s]) {
      case FULL:
        return m.offset + start;
      case ROW:
        return start % out.cols;
      case COLUMN:
        {
          int cols = out.cols;
          int r = start / cols;
          int i = 0;
          int segment = Math.min(length, cols - start % cols);
          while (i < length) {
            fill.fill(i, i + segment, m.get(r));
            i += segment;
            r++;
            segment = Math.min(length - i, cols);
          }
          return 0;
        }
      default:
        throw new IllegalStateException("unknown broadcast " + broadcasts[s]);
    }
  }

  /**
   * into[oi + i] = from[of + i] + c times the factors f (indices into arrays and offsets),
   * multiplied left to right, for i in [0, length): in SIMD lanes when the Vector API is there
   * ({@link VectorProducts}), the same operations element by element otherwise and for the tail.
   * Each element's operands are read before it is written, so into may be from or a factor at the
   * same offset.
   */
  static void accumulate(
      double c, int[] f, double[][] arrays, int[] offsets, double[] from, int of, double[] into,
      int oi, int length) {
    int done = ElementPass.VECTOR_API
        ? VectorProducts.accumulate(c, f, arrays, offsets, from, of, into, oi, length)
        : 0;
    accumulateScalar(c, f, arrays, offsets, from, of, into, oi, done, length);
  }

  /** {@link #accumulate}'s operations element by element, for i in [start, length). */
  static void accumulateScalar(
      double c, int[] f, double[][] arrays, int[] offsets, double[] from, int of, double[] into,
      int oi, int start, int length) {
    for (int i = start; i < length; i++) {
      double p = c;
      for (int k = 0; k < f.length; k++) {
        p *= arrays[f[k]][offsets[f[k]] + i];
      }
      into[oi + i] = from[of + i] + p;
    }
  }

  /** {@link #accumulate} in float arithmetic ({@link VectorFloatProducts} in SIMD lanes). */
  static void accumulate(
      float c, int[] f, float[][] arrays, int[] offsets, float[] from, int of, float[] into,
      int oi, int length) {
    int done = ElementPass.VECTOR_API
        ? VectorFloatProducts.accumulate(c, f, arrays, offsets, from, of, into, oi, length)
        : 0;
    accumulateScalar(c, f, arrays, offsets, from, of, into, oi, done, length);
  }

  /** The float {@link #accumulate}'s operations element by element, for i in [start, length). */
  static void accumulateScalar(
      float c, int[] f, float[][] arrays, int[] offsets, float[] from, int of, float[] into,
      int oi, int start, int length) {
    for (int i = start; i < length; i++) {
      float p = c;
      for (int k = 0; k < f.length; k++) {
        p *= arrays[f[k]][offsets[f[k]] + i];
      }
      into[oi + i] = from[of + i] + p;
    }
  }
}
