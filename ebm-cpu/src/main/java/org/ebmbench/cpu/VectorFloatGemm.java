package org.ebmbench.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float matrix products in SIMD lanes. Each element of c is
 *
 * <pre>
 *   s = fma(op(a)[i][k-1], op(b)[k-1][j], ... fma(op(a)[i][1], op(b)[1][j],
 *           fma(op(a)[i][0], op(b)[0][j], 0f)))
 *   c[i][j] = alpha s              if beta = 0 (the old c ignored, NaN included)
 *   c[i][j] = alpha s + beta c[i][j]   otherwise
 * </pre>
 *
 * in float arithmetic (alpha and beta rounded to float), one fused multiply-add per term in
 * increasing order of the inner index. The bits therefore depend neither on the tiles, the threads
 * nor the lane count, and equal a scalar loop of {@link Math#fma(float, float, float)}.
 *
 * <p>Why in Java: the JIT compiles these lanes to the widest SIMD instructions of the CPU (AVX-512
 * on our machines), while the OpenBLAS build is held to its Haswell (AVX2) kernels and each call
 * copies its operands to native memory. Single-threaded, 128 x 128 x 128 ran at 120-180 GFLOP/s
 * here against 87 for OpenBLAS with its copies (docs/BENCHMARKS.md, "Float products in SIMD
 * lanes").
 *
 * <p>How: c is cut into panels of {@link #COLUMNS} columns. Each panel's columns of op(b) are
 * packed k x {@link #COLUMNS} (zero beyond n), a group of panels at a time that fits the level-2
 * cache, and a register tile of {@value #ROWS} x {@link #COLUMNS} sums walks down k, broadcasting
 * op(a)'s elements straight from a: a row of op(a) is contiguous (a not transposed) or its
 * elements lie a row of a apart, in cache either way, as op(a)'s rows are taken in blocks that fit
 * it too. Tiles cut off by c's edges, and tiles to be scaled or added to c, are summed into a
 * scratch tile first. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorFloatGemm {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private static final int LANES = SPECIES.length();

  /** Rows of c per register tile: 16 sums of two vectors each fit AVX-512's 32 registers. */
  static final int ROWS = 8;

  /** Columns of c per register tile and per packed panel of op(b): two vectors. */
  static final int COLUMNS = 2 * LANES;

  /** Narrower products waste over half of each panel; other kernels take them. */
  static final int MIN_COLUMNS = LANES;

  /** At most this many tasks per product: balanced on 1, 2 or 4 threads. */
  static final int MAX_TASKS = 4;

  /** A task gets at least this many multiply-adds (tens of microseconds), repaying its hand-off. */
  static final long MIN_TASK_WORK = 1L << 20;

  /**
   * Packed panels of op(b) are made in groups of at most this many floats (at least one panel),
   * half of a 1 MiB level-2 cache: each serves a whole block of op(a)'s rows.
   */
  private static final int PACKED_FLOATS = 1 << 17;

  /** Rows of op(a) per block: a quarter of the level-2 cache, walked once per panel of a group. */
  private static final int A_BLOCK_FLOATS = 1 << 16;

  /** Each thread's packed panels and scratch tile, reused across products. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private VectorFloatGemm() {}

  /** Whether a product of these shapes is one this kernel takes (k = 0 has nothing to sum). */
  static boolean takes(int k, int n) {
    return k > 0 && n >= MIN_COLUMNS;
  }

  /**
   * Computes {@code p.c()}, all three matrices float, on {@code ops}' threads. Tasks split c's
   * panels (each packs only its own) and, when there are fewer panels than tasks, its rows; the
   * split depends only on the shapes.
   */
  static void multiply(CpuOps ops, GemmKernel.Product p) {
    int m = p.m();
    int n = p.n();
    if (m < ROWS && !p.transposeB()) {
      // A tile would repeat rows and packing b would cost more than these few sums.
      thinRows(p);
      return;
    }
    int panels = (n + COLUMNS - 1) / COLUMNS;
    long work = (long) m * p.k() * n;
    int tasks = (int) Math.min(MAX_TASKS, Math.max(1L, work / MIN_TASK_WORK));
    int panelTasks = Math.min(tasks, panels);
    int panelsPer = (panels + panelTasks - 1) / panelTasks;
    int panelParts = (panels + panelsPer - 1) / panelsPer;
    int rowBlocks = (m + ROWS - 1) / ROWS;
    int rowParts = Math.max(1, Math.min(tasks / panelParts, rowBlocks));
    int rowsPer = (rowBlocks + rowParts - 1) / rowParts * ROWS;
    int rowPartsUsed = (m + rowsPer - 1) / rowsPer;
    ops.forEachTask(rowPartsUsed * panelParts, t -> {
      int rowFrom = t / panelParts * rowsPer;
      int panelFrom = t % panelParts * panelsPer;
      multiplyTile(
          p, rowFrom, Math.min(m, rowFrom + rowsPer), panelFrom,
          Math.min(panels, panelFrom + panelsPer));
    });
  }

  /** Rows [rowFrom, rowTo) of c in panels [panelFrom, panelTo). */
  private static void multiplyTile(
      GemmKernel.Product p, int rowFrom, int rowTo, int panelFrom, int panelTo) {
    CpuMat.Floats a = (CpuMat.Floats) p.a();
    CpuMat.Floats c = (CpuMat.Floats) p.c();
    int k = p.k();
    int n = p.n();
    float alpha = (float) p.alpha();
    boolean keep = p.beta() != 0.0;
    float beta = (float) p.beta();
    // op(a)[i][q] = a.data[aBase + i * rowStep + q * innerStep]
    int rowStep = p.transposeA() ? 1 : a.cols;
    int innerStep = p.transposeA() ? a.cols : 1;
    int panelSize = k * COLUMNS;
    int groupPanels = Math.max(1, PACKED_FLOATS / panelSize);
    int blockRows = Math.max(ROWS, A_BLOCK_FLOATS / k / ROWS * ROWS);
    Scratch scratch = SCRATCH.get();
    float[] packed = scratch.packed(Math.min(groupPanels, panelTo - panelFrom) * panelSize);
    for (int group = panelFrom; group < panelTo; group += groupPanels) {
      int groupEnd = Math.min(panelTo, group + groupPanels);
      for (int q = group; q < groupEnd; q++) {
        pack(p, q * COLUMNS, Math.min(COLUMNS, n - q * COLUMNS), packed, (q - group) * panelSize);
      }
      for (int block = rowFrom; block < rowTo; block += blockRows) {
        int blockEnd = Math.min(rowTo, block + blockRows);
        for (int q = group; q < groupEnd; q++) {
          int column = q * COLUMNS;
          int columns = Math.min(COLUMNS, n - column);
          int panel = (q - group) * panelSize;
          for (int i = block; i < blockEnd; i += ROWS) {
            int rows = Math.min(ROWS, blockEnd - i);
            int aBase = a.offset + i * rowStep;
            int cBase = c.offset + i * n + column;
            if (rows == ROWS && columns == COLUMNS && alpha == 1f && !keep) {
              sums(a.data, aBase, rowStep, innerStep, rows, packed, panel, k, c.data, cBase, n);
            } else {
              sums(a.data, aBase, rowStep, innerStep, rows, packed, panel, k, scratch.tile, 0,
                  COLUMNS);
              combine(scratch.tile, rows, columns, c.data, cBase, n, alpha, keep, beta);
            }
          }
        }
      }
    }
  }

  /**
   * Columns [column, column + columns) of op(b) into packed from {@code at}, k x COLUMNS,
   * zero-padded.
   */
  private static void pack(
      GemmKernel.Product p, int column, int columns, float[] packed, int at) {
    CpuMat.Floats b = (CpuMat.Floats) p.b();
    int k = p.k();
    if (!p.transposeB()) {
      for (int q = 0; q < k; q++) {
        int from = b.offset + q * b.cols + column;
        System.arraycopy(b.data, from, packed, at + q * COLUMNS, columns);
        if (columns < COLUMNS) {
          Arrays.fill(packed, at + q * COLUMNS + columns, at + (q + 1) * COLUMNS, 0f);
        }
      }
      return;
    }
    // op(b) = b^T: column j of the panel is row (column + j) of b.
    for (int j = 0; j < COLUMNS; j++) {
      if (j < columns) {
        int from = b.offset + (column + j) * b.cols;
        for (int q = 0; q < k; q++) {
          packed[at + q * COLUMNS + j] = b.data[from + q];
        }
      } else {
        for (int q = 0; q < k; q++) {
          packed[at + q * COLUMNS + j] = 0f;
        }
      }
    }
  }

  /**
   * One register tile: the sums s of rows [0, rows) of op(a) from aBase times the panel packed at
   * {@code panel}, stored at out[outBase + r * outStride + j] for all ROWS x COLUMNS. Rows past
   * {@code rows} repeat the last one, so every read stays inside a. Nothing else is done here: with
   * the scaling inlined too, C2 stopped inlining at its node limit and boxed the sums on every step
   * (12 GB/s of garbage, 2-5x slower).
   *
   * <p>Two copies of the tile, which differ only in how they index op(a). C2 can hoist the bounds
   * checks of the eight broadcasts out of the loop only when their index moves by a constant step
   * (a not transposed: {@link #tileAlongRows}); with a stride known only at run time ({@link
   * #tileStrided}) the checks stay in the loop. 256 x 128 x 128 took 43-47 us along rows in 9 of
   * 10 runs; through the strided copy 44-46 us in some runs and 55-72 in others (one thread,
   * alternated runs). A running offset instead of q times the stride was no better.
   */
  private static void sums(
      float[] a, int aBase, int rowStep, int innerStep, int rows, float[] packed, int panel,
      int k, float[] out, int outBase, int outStride) {
    if (innerStep == 1) {
      tileAlongRows(a, aBase, rowStep, rows, packed, panel, k, out, outBase, outStride);
    } else {
      tileStrided(a, aBase, rowStep, innerStep, rows, packed, panel, k, out, outBase, outStride);
    }
  }

  /** {@link #sums} with op(a)[r][q] at a[aBase + r * rowStep + q]. */
  private static void tileAlongRows(
      float[] a, int aBase, int rowStep, int rows, float[] packed, int panel,
      int k, float[] out, int outBase, int outStride) {
    int r0 = aBase;
    int r1 = aBase + Math.min(1, rows - 1) * rowStep;
    int r2 = aBase + Math.min(2, rows - 1) * rowStep;
    int r3 = aBase + Math.min(3, rows - 1) * rowStep;
    int r4 = aBase + Math.min(4, rows - 1) * rowStep;
    int r5 = aBase + Math.min(5, rows - 1) * rowStep;
    int r6 = aBase + Math.min(6, rows - 1) * rowStep;
    int r7 = aBase + Math.min(7, rows - 1) * rowStep;
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = FloatVector.zero(SPECIES);
    FloatVector s10 = FloatVector.zero(SPECIES);
    FloatVector s11 = FloatVector.zero(SPECIES);
    FloatVector s20 = FloatVector.zero(SPECIES);
    FloatVector s21 = FloatVector.zero(SPECIES);
    FloatVector s30 = FloatVector.zero(SPECIES);
    FloatVector s31 = FloatVector.zero(SPECIES);
    FloatVector s40 = FloatVector.zero(SPECIES);
    FloatVector s41 = FloatVector.zero(SPECIES);
    FloatVector s50 = FloatVector.zero(SPECIES);
    FloatVector s51 = FloatVector.zero(SPECIES);
    FloatVector s60 = FloatVector.zero(SPECIES);
    FloatVector s61 = FloatVector.zero(SPECIES);
    FloatVector s70 = FloatVector.zero(SPECIES);
    FloatVector s71 = FloatVector.zero(SPECIES);
    for (int q = 0; q < k; q++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, packed, panel + q * COLUMNS);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packed, panel + q * COLUMNS + LANES);
      FloatVector x = FloatVector.broadcast(SPECIES, a[r0 + q]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(SPECIES, a[r1 + q]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(SPECIES, a[r2 + q]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(SPECIES, a[r3 + q]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      x = FloatVector.broadcast(SPECIES, a[r4 + q]);
      s40 = x.fma(b0, s40);
      s41 = x.fma(b1, s41);
      x = FloatVector.broadcast(SPECIES, a[r5 + q]);
      s50 = x.fma(b0, s50);
      s51 = x.fma(b1, s51);
      x = FloatVector.broadcast(SPECIES, a[r6 + q]);
      s60 = x.fma(b0, s60);
      s61 = x.fma(b1, s61);
      x = FloatVector.broadcast(SPECIES, a[r7 + q]);
      s70 = x.fma(b0, s70);
      s71 = x.fma(b1, s71);
    }
    int o = outBase;
    s00.intoArray(out, o);
    s01.intoArray(out, o + LANES);
    s10.intoArray(out, o += outStride);
    s11.intoArray(out, o + LANES);
    s20.intoArray(out, o += outStride);
    s21.intoArray(out, o + LANES);
    s30.intoArray(out, o += outStride);
    s31.intoArray(out, o + LANES);
    s40.intoArray(out, o += outStride);
    s41.intoArray(out, o + LANES);
    s50.intoArray(out, o += outStride);
    s51.intoArray(out, o + LANES);
    s60.intoArray(out, o += outStride);
    s61.intoArray(out, o + LANES);
    s70.intoArray(out, o += outStride);
    s71.intoArray(out, o + LANES);
  }


  /** {@link #sums} with op(a)[r][q] at a[aBase + r * rowStep + q * innerStep]. */
  private static void tileStrided(
      float[] a, int aBase, int rowStep, int innerStep, int rows, float[] packed, int panel,
      int k, float[] out, int outBase, int outStride) {
    int r0 = aBase;
    int r1 = aBase + Math.min(1, rows - 1) * rowStep;
    int r2 = aBase + Math.min(2, rows - 1) * rowStep;
    int r3 = aBase + Math.min(3, rows - 1) * rowStep;
    int r4 = aBase + Math.min(4, rows - 1) * rowStep;
    int r5 = aBase + Math.min(5, rows - 1) * rowStep;
    int r6 = aBase + Math.min(6, rows - 1) * rowStep;
    int r7 = aBase + Math.min(7, rows - 1) * rowStep;
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = FloatVector.zero(SPECIES);
    FloatVector s10 = FloatVector.zero(SPECIES);
    FloatVector s11 = FloatVector.zero(SPECIES);
    FloatVector s20 = FloatVector.zero(SPECIES);
    FloatVector s21 = FloatVector.zero(SPECIES);
    FloatVector s30 = FloatVector.zero(SPECIES);
    FloatVector s31 = FloatVector.zero(SPECIES);
    FloatVector s40 = FloatVector.zero(SPECIES);
    FloatVector s41 = FloatVector.zero(SPECIES);
    FloatVector s50 = FloatVector.zero(SPECIES);
    FloatVector s51 = FloatVector.zero(SPECIES);
    FloatVector s60 = FloatVector.zero(SPECIES);
    FloatVector s61 = FloatVector.zero(SPECIES);
    FloatVector s70 = FloatVector.zero(SPECIES);
    FloatVector s71 = FloatVector.zero(SPECIES);
    for (int q = 0; q < k; q++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, packed, panel + q * COLUMNS);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packed, panel + q * COLUMNS + LANES);
      int o = q * innerStep;
      FloatVector x = FloatVector.broadcast(SPECIES, a[r0 + o]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(SPECIES, a[r1 + o]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(SPECIES, a[r2 + o]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(SPECIES, a[r3 + o]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      x = FloatVector.broadcast(SPECIES, a[r4 + o]);
      s40 = x.fma(b0, s40);
      s41 = x.fma(b1, s41);
      x = FloatVector.broadcast(SPECIES, a[r5 + o]);
      s50 = x.fma(b0, s50);
      s51 = x.fma(b1, s51);
      x = FloatVector.broadcast(SPECIES, a[r6 + o]);
      s60 = x.fma(b0, s60);
      s61 = x.fma(b1, s61);
      x = FloatVector.broadcast(SPECIES, a[r7 + o]);
      s70 = x.fma(b0, s70);
      s71 = x.fma(b1, s71);
    }
    int o = outBase;
    s00.intoArray(out, o);
    s01.intoArray(out, o + LANES);
    s10.intoArray(out, o += outStride);
    s11.intoArray(out, o + LANES);
    s20.intoArray(out, o += outStride);
    s21.intoArray(out, o + LANES);
    s30.intoArray(out, o += outStride);
    s31.intoArray(out, o + LANES);
    s40.intoArray(out, o += outStride);
    s41.intoArray(out, o + LANES);
    s50.intoArray(out, o += outStride);
    s51.intoArray(out, o + LANES);
    s60.intoArray(out, o += outStride);
    s61.intoArray(out, o + LANES);
    s70.intoArray(out, o += outStride);
    s71.intoArray(out, o + LANES);
  }

  /**
   * c[r][j] = alpha s + beta c (or alpha s without keep) from the sums of a scratch tile, for the
   * rows and columns inside c; in lanes where a whole vector fits, with the scalar roundings.
   */
  private static void combine(
      float[] sums, int rows, int columns, float[] c, int cBase, int cStride, float alpha,
      boolean keep, float beta) {
    for (int r = 0; r < rows; r++) {
      int from = r * COLUMNS;
      int to = cBase + r * cStride;
      int j = 0;
      for (; j + LANES <= columns; j += LANES) {
        store(FloatVector.fromArray(SPECIES, sums, from + j), c, to + j, alpha, keep, beta);
      }
      for (; j < columns; j++) {
        c[to + j] = scaled(sums[from + j], c[to + j], alpha, keep, beta);
      }
    }
  }

  /** c[at..] = alpha s + beta c[at..] (alpha s without keep), a vector at a time. */
  private static void store(
      FloatVector s, float[] c, int at, float alpha, boolean keep, float beta) {
    FloatVector v = s.mul(alpha);
    if (keep) {
      v = v.add(FloatVector.fromArray(SPECIES, c, at).mul(beta));
    }
    v.intoArray(c, at);
  }

  /** alpha s + beta old (alpha s without keep), with {@link #store}'s roundings. */
  static float scaled(float s, float old, float alpha, boolean keep, float beta) {
    float v = alpha * s;
    return keep ? v + beta * old : v;
  }

  /**
   * A product of fewer than {@link #ROWS} rows with op(b) = b, on the calling thread: each row of c
   * is the sum over q of op(a)[i][q] times row q of b, read in place, four vectors of columns at a
   * time (then one, then one column), with the same fma chains as the tiles. Such products are the
   * weight gradients of a network's first and last layers (1 or 2 rows, k the batch): the tile
   * path would pack all of b and waste most of each tile.
   */
  private static void thinRows(GemmKernel.Product p) {
    CpuMat.Floats a = (CpuMat.Floats) p.a();
    CpuMat.Floats b = (CpuMat.Floats) p.b();
    CpuMat.Floats c = (CpuMat.Floats) p.c();
    int k = p.k();
    int n = p.n();
    float alpha = (float) p.alpha();
    boolean keep = p.beta() != 0.0;
    float beta = (float) p.beta();
    int rowStep = p.transposeA() ? 1 : a.cols;
    int innerStep = p.transposeA() ? a.cols : 1;
    for (int i = 0; i < p.m(); i++) {
      int aRow = a.offset + i * rowStep;
      int cRow = c.offset + i * n;
      int j = 0;
      for (; j + 4 * LANES <= n; j += 4 * LANES) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        FloatVector s2 = FloatVector.zero(SPECIES);
        FloatVector s3 = FloatVector.zero(SPECIES);
        for (int q = 0; q < k; q++) {
          FloatVector x = FloatVector.broadcast(SPECIES, a.data[aRow + q * innerStep]);
          int at = b.offset + q * b.cols + j;
          s0 = x.fma(FloatVector.fromArray(SPECIES, b.data, at), s0);
          s1 = x.fma(FloatVector.fromArray(SPECIES, b.data, at + LANES), s1);
          s2 = x.fma(FloatVector.fromArray(SPECIES, b.data, at + 2 * LANES), s2);
          s3 = x.fma(FloatVector.fromArray(SPECIES, b.data, at + 3 * LANES), s3);
        }
        store(s0, c.data, cRow + j, alpha, keep, beta);
        store(s1, c.data, cRow + j + LANES, alpha, keep, beta);
        store(s2, c.data, cRow + j + 2 * LANES, alpha, keep, beta);
        store(s3, c.data, cRow + j + 3 * LANES, alpha, keep, beta);
      }
      for (; j + LANES <= n; j += LANES) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        for (int q = 0; q < k; q++) {
          FloatVector x = FloatVector.broadcast(SPECIES, a.data[aRow + q * innerStep]);
          s0 = x.fma(FloatVector.fromArray(SPECIES, b.data, b.offset + q * b.cols + j), s0);
        }
        store(s0, c.data, cRow + j, alpha, keep, beta);
      }
      for (; j < n; j++) {
        float s = 0f;
        for (int q = 0; q < k; q++) {
          s = Math.fma(a.data[aRow + q * innerStep], b.data[b.offset + q * b.cols + j], s);
        }
        c.data[cRow + j] = scaled(s, c.data[cRow + j], alpha, keep, beta);
      }
    }
  }

  /** A thread's working arrays. */
  private static final class Scratch {
    private float[] packed = new float[0];
    final float[] tile = new float[ROWS * COLUMNS];

    /** The packed panels, at least {@code size} long. */
    float[] packed(int size) {
      if (packed.length < size) {
        packed = new float[size];
      }
      return packed;
    }
  }
}
