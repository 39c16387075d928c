package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Narrow float products (fewer than {@link VectorFloatGemm#MIN_COLUMNS} columns) whose rows of
 * op(a) and columns of op(b) both lie contiguous in memory, as dot products in SIMD lanes: a
 * network's output layer (h times the weight column) and the input gradient of its first layer (a
 * bar times W0^T, two columns). With L lanes, each element of c is
 *
 * <pre>
 *   lane l of P: fma chains over q = l, l + 2L, l + 4L, ... and over q = l + L, l + 3L, ... (two
 *                vectors in turn, then added lane by lane), for q below k - k % L
 *   d = P's lanes added in order, lane 0 first
 *   d = fma(op(a)[i][q], op(b)[q][j], d) for the last k % L values of q, in order
 *   c[i][j] = alpha d (+ beta c[i][j]), rounded as in {@link VectorFloatGemm}
 * </pre>
 *
 * so the bits depend on the lane count (fixed for a machine) but not on the threads. The lanes are
 * added in scalar code: {@code reduceLanes} leaves the order of a float sum to the JIT, which could
 * change the bits between interpreted and compiled runs of the same product. In order, not by
 * halves: with the halving loops 256 x 128 x 1 took 9 us here, in order 3.7.
 *
 * <p>Why: such products went to OpenBLAS, which copied both operands to native memory for a few
 * thousand multiply-adds (256 x 128 x 2 took 9 us there; docs/BENCHMARKS.md). Loaded only when
 * {@link ElementPass#VECTOR_API}.
 */
final class VectorFloatDots {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private static final int LANES = SPECIES.length();

  /** Elements of c whose lanes of P are stored before they are summed. */
  private static final int CHUNK = 16;

  /** Each thread's lanes of P for a chunk. */
  private static final ThreadLocal<float[]> LANE_SUMS =
      ThreadLocal.withInitial(() -> new float[CHUNK * LANES]);

  private VectorFloatDots() {}

  /**
   * Whether this kernel takes the product: narrow, with contiguous rows and columns, and something
   * to sum (k = 0 stays with the configured kernel, as in {@link VectorFloatGemm#takes}).
   */
  static boolean takes(GemmKernel.Product p) {
    boolean columnsContiguous = p.transposeB() || p.b().cols == 1;
    return p.k() > 0 && p.n() < VectorFloatGemm.MIN_COLUMNS && !p.transposeA()
        && columnsContiguous;
  }

  /**
   * Computes {@code p.c()}, rows split into tasks when the product is large enough (the task sizes
   * of {@link VectorFloatGemm}).
   */
  static void multiply(CpuOps ops, GemmKernel.Product p) {
    int m = p.m();
    long work = (long) m * p.k() * p.n();
    int tasks = (int) Math.min(
        Math.min(VectorFloatGemm.MAX_TASKS, m),
        Math.max(1L, work / VectorFloatGemm.MIN_TASK_WORK));
    int per = (m + tasks - 1) / tasks;
    ops.forEachTask((m + per - 1) / per, t -> rows(p, t * per, Math.min(m, (t + 1) * per)));
  }

  /**
   * Rows [from, to) of c, {@link #CHUNK} elements at a time: first each element's lanes of P into
   * scratch, then their sums, so that the scalar loads do not follow the wide store at once (256 x
   * 128 x 1 took 3.9 us in chunks of 16, 4.8-7.4 one element at a time).
   */
  private static void rows(GemmKernel.Product p, int from, int to) {
    CpuMat.Floats a = (CpuMat.Floats) p.a();
    CpuMat.Floats b = (CpuMat.Floats) p.b();
    CpuMat.Floats c = (CpuMat.Floats) p.c();
    int k = p.k();
    int n = p.n();
    int lanesEnd = k - k % LANES;
    float alpha = (float) p.alpha();
    boolean keep = p.beta() != 0.0;
    float beta = (float) p.beta();
    float[] lanes = LANE_SUMS.get();
    // Where each element of a chunk starts in a and in b, for the tails after its lane sums.
    int[] aRows = new int[CHUNK];
    int[] bColumns = new int[CHUNK];
    // Element e is (e / n, e % n): row e / n of op(a), column e % n of op(b), which is row e % n
    // of b (transposed) or b itself (one column). Counted, not divided: a division per element
    // cost as much as its sums.
    int row = from;
    int column = 0;
    int last = to * n;
    for (int chunk = from * n; chunk < last; chunk += CHUNK) {
      int chunkEnd = Math.min(last, chunk + CHUNK);
      for (int e = chunk; e < chunkEnd; e++) {
        int aRow = a.offset + row * a.cols;
        int bColumn = b.offset + column * b.cols;
        aRows[e - chunk] = aRow;
        bColumns[e - chunk] = bColumn;
        if (++column == n) {
          column = 0;
          row++;
        }
        FloatVector even = FloatVector.zero(SPECIES);
        FloatVector odd = FloatVector.zero(SPECIES);
        int q = 0;
        for (; q + 2 * LANES <= lanesEnd; q += 2 * LANES) {
          even = FloatVector.fromArray(SPECIES, a.data, aRow + q)
              .fma(FloatVector.fromArray(SPECIES, b.data, bColumn + q), even);
          odd = FloatVector.fromArray(SPECIES, a.data, aRow + q + LANES)
              .fma(FloatVector.fromArray(SPECIES, b.data, bColumn + q + LANES), odd);
        }
        if (q < lanesEnd) {
          even = FloatVector.fromArray(SPECIES, a.data, aRow + q)
              .fma(FloatVector.fromArray(SPECIES, b.data, bColumn + q), even);
        }
        even.add(odd).intoArray(lanes, (e - chunk) * LANES);
      }
      for (int e = chunk; e < chunkEnd; e++) {
        int base = (e - chunk) * LANES;
        float d = lanes[base];
        for (int l = 1; l < LANES; l++) {
          d += lanes[base + l];
        }
        int aRow = aRows[e - chunk];
        int bColumn = bColumns[e - chunk];
        for (int q = lanesEnd; q < k; q++) {
          d = Math.fma(a.data[aRow + q], b.data[bColumn + q], d);
        }
        int at = c.offset + e;
        c.data[at] = VectorFloatGemm.scaled(d, c.data[at], alpha, keep, beta);
      }
    }
  }
}
