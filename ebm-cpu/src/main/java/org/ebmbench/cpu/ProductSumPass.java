package org.ebmbench.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.engine.ProductSum.Broadcast;

/**
 * The pass of {@link CpuOps#productSum}, in chunks of {@link ElementPass#CHUNK} elements: each
 * distinct operand is read once per chunk as a double array (a double matrix's own storage, else a
 * widened or broadcast copy in the level-1 cache), every term is formed and added in SIMD lanes
 * ({@link VectorProducts}), and the sum is rounded once into out. Operands and
 * arithmetic do not depend on how [0, length) is split, so the bits do not depend on the thread
 * count.
 */
final class ProductSumPass {
  private final CpuMat out;
  /** The distinct matrices among the factors, each with how it is read. */
  private final CpuMat[] operands;

  private final Broadcast[] broadcasts;
  private final double[] coefficients;
  /** Per term, the indices of its factors in {@link #operands}. */
  private final int[][] terms;

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
    int width = Math.min(ElementPass.CHUNK, to - from);
    int count = operands.length;
    double[][] arrays = new double[count][];
    int[] offsets = new int[count];
    for (int s = 0; s < count; s++) {
      arrays[s] = storage(s, width);
    }
    double[] sum = new double[width];
    for (int start = from; start < to; start += ElementPass.CHUNK) {
      int length = Math.min(ElementPass.CHUNK, to - start);
      for (int s = 0; s < count; s++) {
        offsets[s] = load(s, arrays[s], start, length);
      }
      Arrays.fill(sum, 0, length, 0.0);
      for (int t = 0; t < terms.length; t++) {
        accumulate(coefficients[t], terms[t], arrays, offsets, sum, length);
      }
      if (out instanceof CpuMat.Doubles) {
        System.arraycopy(sum, 0, ((CpuMat.Doubles) out).data, out.offset + start, length);
      } else {
        ElementPass.narrow(sum, ((CpuMat.Floats) out).data, out.offset + start, length);
      }
    }
  }

  /**
   * sum += c times the factors f (indices into arrays and offsets), multiplied left to right, for
   * elements [0, length): in SIMD lanes when the Vector API is there ({@link VectorProducts}), the
   * same operations element by element otherwise and for the tail. Sums start at +0, so a zero
   * result is +0.
   */
  static void accumulate(
      double c, int[] f, double[][] arrays, int[] offsets, double[] sum, int length) {
    int done =
        ElementPass.VECTOR_API ? VectorProducts.accumulate(c, f, arrays, offsets, sum, length) : 0;
    accumulateScalar(c, f, arrays, offsets, sum, done, length);
  }

  /** {@link #accumulate}'s operations element by element, for elements [from, length). */
  static void accumulateScalar(
      double c, int[] f, double[][] arrays, int[] offsets, double[] sum, int from, int length) {
    for (int i = from; i < length; i++) {
      double p = c;
      for (int k = 0; k < f.length; k++) {
        p *= arrays[f[k]][offsets[f[k]] + i];
      }
      sum[i] += p;
    }
  }

  /**
   * The array operand s is read from: a double matrix's own storage; a row's elements repeated
   * over a chunk and one row more, so every chunk is a window of it; else a chunk of scratch.
   */
  private double[] storage(int s, int width) {
    CpuMat m = operands[s];
    if (broadcasts[s] == Broadcast.FULL && m instanceof CpuMat.Doubles) {
      return ((CpuMat.Doubles) m).data;
    }
    if (broadcasts[s] == Broadcast.ROW) {
      int cols = out.cols;
      double[] tiled = new double[width + cols];
      for (int i = 0; i < tiled.length; i++) {
        tiled[i] = m.get(i % cols);
      }
      return tiled;
    }
    return new double[width];
  }

  /**
   * Makes elements [start, start + length) of out's shape readable for operand s in {@code array}
   * and returns the offset of element start there.
   */
  private int load(int s, double[] array, int start, int length) {
    CpuMat m = operands[s];
    switch (broadcasts[s]) {
      case FULL:
        if (m instanceof CpuMat.Doubles) {
          return m.offset + start;
        }
        ElementPass.widen(((CpuMat.Floats) m).data, m.offset + start, array, length);
        return 0;
      case ROW:
        return start % out.cols;
      case COLUMN:
        {
          int cols = out.cols;
          int r = start / cols;
          int i = 0;
          int segment = Math.min(length, cols - start % cols);
          while (i < length) {
            Arrays.fill(array, i, i + segment, m.get(r));
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
}
