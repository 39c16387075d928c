package org.ebmbench.cpu;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;
import org.ebmbench.engine.Precision;

/**
 * OpenBLAS's dgemm (sgemm for float matrices) through JavaCPP, called single-threaded on each of a few tiles of c from the
 * engine's own threads. The tiles depend only on the shapes, and OpenBLAS computes a given call the
 * same way every time, so the bits do not depend on the engine's thread count.
 *
 * <p>OpenBLAS's own thread count is process-wide and does change its bits. Another library in the
 * JVM (ND4J shares this libopenblas) may raise it through JavaCPP's {@code blas_set_num_threads};
 * each product therefore sets it to 1 (our parallelism comes from the engine's threads) and afterwards
 * restores what that call last set, if anything.
 *
 * <p>OpenBLAS 0.3.19 picks its kernels by CPU model at load time, or as OPENBLAS_CORETYPE says. It
 * does not know recent CPUs, and older builds are known to compute wrong results or crash on some
 * of them, which is why machines may pin OPENBLAS_CORETYPE (ours pin Haswell); we never change it.
 * The kernel set in use changes the bits, so the description names it.
 *
 * <p>The operands are copied into native memory (one reused workspace) because JavaCPP passes
 * Java arrays by copying all of them on every call. Large products too thin to repay those copies
 * (few multiply-adds per element copied, such as a tall matrix times a vector) and products with k =
 * 0 go to the Java kernel; the choice depends only on the shapes.
 */
final class OpenBlasGemmKernel implements GemmKernel {
  /** At most this many tiles: balanced on 1, 2 or 4 threads; each tile re-packs an operand. */
  static final int MAX_TILES = 4;

  /** A tile gets at least this many multiply-adds, so forking is worth its overhead. */
  static final long MIN_TILE_WORK = 1L << 21;

  /** Tile extents are multiples of this, OpenBLAS's largest double-precision register block. */
  private static final int TILE_ALIGN = 16;

  /**
   * Below this many multiply-adds per element copied to native memory, the Java kernel is faster:
   * on 2 busy cores it was 3.7x faster at 1.0 (16384x210x1) and 2.7x slower at 3.9 (16384x210x4).
   */
  static final double MIN_INTENSITY = 3.0;

  /**
   * Products that copy at most this many elements go to OpenBLAS whatever their intensity: the
   * copies stay in cache and cost microseconds, while the Java kernel's packing and allocation do
   * not shrink with the work. Measured on the MLP 2-128-128-1's thin products (one thread, CPU time
   * per call): x^T bar 2x256x128 25 us native against 1260 us Java (its column-wise packing of a
   * 256 x 128 b), x W 256x2x128 15 against 63, bar W^T 256x128x2 20 against 42, 256x128x1 equal.
   */
  static final long SMALL_COPY = 1L << 16;

  /** The kernel sets of this DYNAMIC_ARCH build (its gotoblas_NAME symbols). */
  private static final List<String> CORES =
      List.of(
          "SKYLAKEX", "COOPERLAKE", "HASWELL", "ZEN", "SANDYBRIDGE", "EXCAVATOR", "STEAMROLLER",
          "PILEDRIVER", "BULLDOZER", "NEHALEM", "CORE2", "PRESCOTT", "BARCELONA", "ATHLON",
          "BANIAS", "KATMAI", "COPPERMINE", "NORTHWOOD");

  /** Copies run in chunks of this many elements, in parallel. */
  private static final int COPY_CHUNK = 1 << 16;

  private static volatile OpenBlasGemmKernel instance;

  private final String description;
  private final ThreadCount openBlasThreads;
  private final JavaGemmKernel thin = new JavaGemmKernel("");
  private final AtomicReference<Pointer> spare = new AtomicReference<>();

  private OpenBlasGemmKernel(String description, ThreadCount openBlasThreads) {
    this.description = description;
    this.openBlasThreads = openBlasThreads;
  }

  /**
   * openblas_set_num_threads called directly: JavaCPP's blas_set_num_threads looks the symbol up
   * on every call, which costs hundreds of microseconds; this costs tens of nanoseconds.
   */
  private static final class ThreadCount extends SetNumThreads {
    ThreadCount() {
      super();
      Pointer function = Loader.addressof("openblas_set_num_threads");
      if (function == null) {
        throw new UnsatisfiedLinkError("openblas_set_num_threads not found");
      }
      put(function);
    }
  }

  /**
   * The kernel, loading OpenBLAS on first use.
   *
   * @throws LinkageError or RuntimeException if the native library cannot be loaded here
   */
  static OpenBlasGemmKernel load() {
    OpenBlasGemmKernel result = instance;
    if (result == null) {
      synchronized (OpenBlasGemmKernel.class) {
        if (instance == null) {
          Loader.load(openblas_nolapack.class);
          instance = new OpenBlasGemmKernel(describe(), new ThreadCount());
        }
        result = instance;
      }
    }
    return result;
  }

  private static String describe() {
    String openblas = null;
    String javacpp = null;
    try {
      openblas = Loader.getVersion("org.bytedeco", "openblas");
      javacpp = Loader.getVersion();
    } catch (IOException e) {
      // Versions are provenance only; the library itself loaded.
    }
    openblas = Objects.requireNonNullElse(openblas, "?");
    javacpp = Objects.requireNonNullElse(javacpp, "?");
    return "openblas-" + openblas + " (javacpp " + javacpp + ", core " + activeCore()
        + "), single-threaded per tile of at most " + MAX_TILES
        + "; java kernel for k = 0 and large thin products";
  }

  /**
   * The kernel set OpenBLAS chose at load: its global {@code gotoblas} points at one of the
   * {@code gotoblas_NAME} tables. Only reads; "unknown" if the symbols are not there.
   */
  static String activeCore() {
    Pointer variable = Loader.addressof("gotoblas");
    if (variable == null) {
      return "unknown";
    }
    long active = new PointerPointer<>(variable).get(0).address();
    for (String core : CORES) {
      Pointer table = Loader.addressof("gotoblas_" + core);
      if (table != null && table.address() == active) {
        return core;
      }
    }
    return "unknown";
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * Whether the product goes to OpenBLAS: its work must repay copying the operands, or the copies
   * must be small.
   */
  static boolean worthNative(int m, int k, int n) {
    if (k == 0) {
      return false;
    }
    double work = (double) m * k * n;
    double copied = (double) m * k + (double) k * n + (double) m * n;
    return copied <= SMALL_COPY || work / copied >= MIN_INTENSITY;
  }

  @Override
  public void multiply(CpuOps ops, Product p) {
    int m = p.m();
    int k = p.k();
    int n = p.n();
    if (!worthNative(m, k, n)) {
      thin.multiply(ops, p);
      return;
    }
    CpuMat a = p.a();
    CpuMat b = p.b();
    CpuMat c = p.c();
    long offsetB = a.length();
    long offsetC = offsetB + b.length();
    Pointer workspace = acquire(c.precision(), offsetC + c.length());
    try {
      if (p.beta() != 0.0) {
        copyIn(ops, workspace, new CpuMat[] {a, b, c}, new long[] {0, offsetB, offsetC});
      } else {
        copyIn(ops, workspace, new CpuMat[] {a, b}, new long[] {0, offsetB});
      }
      // Split the longer side of c, so each tile re-packs the smaller operand.
      boolean byRows = m >= n;
      int extent = byRows ? m : n;
      long tilesByWork = Math.max(1L, (long) m * k * n / MIN_TILE_WORK);
      long tilesByExtent = (extent + TILE_ALIGN - 1) / TILE_ALIGN;
      int tiles = (int) Math.min(MAX_TILES, Math.min(tilesByWork, tilesByExtent));
      int per = roundUp((extent + tiles - 1) / tiles, TILE_ALIGN);
      int taskCount = (extent + per - 1) / per;
      // What the last blas_set_num_threads set (ND4J's count), or -1 if nobody called it.
      int others = blas_get_num_threads();
      openBlasThreads.call(1);
      try {
        ops.forEachTask(taskCount, t -> {
          int from = t * per;
          int to = Math.min(extent, from + per);
          if (byRows) {
            callRows(p, workspace, offsetB, offsetC, from, to);
          } else {
            callColumns(p, workspace, offsetB, offsetC, from, to);
          }
        });
      } finally {
        if (others > 1) {
          openBlasThreads.call(others);
        }
      }
      copyOut(ops, workspace, offsetC, c);
    } finally {
      release(workspace);
    }
  }

  /** Rows [from, to) of c: the matching rows of op(a) times all of op(b). */
  private static void callRows(
      Product p, Pointer w, long offB, long offC, int from, int to) {
    int k = p.k();
    int n = p.n();
    // Row i of op(a) starts at i * k in a (m x k), or at column i of a (k x m) when transposed.
    long offA = p.transposeA() ? from : (long) from * k;
    gemm(p, to - from, n, k, w, offA, offB, offC + (long) from * n);
  }

  /** Columns [from, to) of c: all of op(a) times the matching columns of op(b). */
  private static void callColumns(
      Product p, Pointer w, long offB, long offC, int from, int to) {
    int k = p.k();
    // Column j of op(b) is column j of b (k x n), or row j of b (n x k) when transposed.
    long columnB = p.transposeB() ? (long) from * k : from;
    gemm(p, p.m(), to - from, k, w, 0, offB + columnB, offC + from);
  }

  /**
   * One row-major OpenBLAS call on the operands at the given offsets of the workspace, in its
   * precision; leading dimensions are those of the whole stored matrices.
   */
  private static void gemm(
      Product p, int rows, int cols, int k, Pointer w, long offA, long offB, long offC) {
    int transA = p.transposeA() ? CblasTrans : CblasNoTrans;
    int transB = p.transposeB() ? CblasTrans : CblasNoTrans;
    int lda = p.transposeA() ? p.m() : k;
    int ldb = p.transposeB() ? k : p.n();
    if (w instanceof DoublePointer) {
      DoublePointer d = (DoublePointer) w;
      cblas_dgemm(
          CblasRowMajor, transA, transB, rows, cols, k,
          p.alpha(), at(d, offA), lda, at(d, offB), ldb,
          p.beta(), at(d, offC), p.n());
    } else {
      FloatPointer f = (FloatPointer) w;
      cblas_sgemm(
          CblasRowMajor, transA, transB, rows, cols, k,
          (float) p.alpha(), at(f, offA), lda, at(f, offB), ldb,
          (float) p.beta(), at(f, offC), p.n());
    }
  }

  private static DoublePointer at(DoublePointer base, long offset) {
    return new DoublePointer(base).position(offset);
  }

  private static FloatPointer at(FloatPointer base, long offset) {
    return new FloatPointer(base).position(offset);
  }

  /**
   * Copies {@code sources[s]} to {@code offsets[s]} of the workspace, all of them in one job of
   * chunks: one hand-off to the other threads per product instead of one per operand.
   */
  private static void copyIn(CpuOps ops, Pointer w, CpuMat[] sources, long[] offsets) {
    int[] firstChunk = new int[sources.length + 1];
    for (int s = 0; s < sources.length; s++) {
      firstChunk[s + 1] = firstChunk[s] + chunks(sources[s].length());
    }
    ops.forEachTask(firstChunk[sources.length], t -> {
      int s = 0;
      while (t >= firstChunk[s + 1]) {
        s++;
      }
      CpuMat source = sources[s];
      int from = (t - firstChunk[s]) * COPY_CHUNK;
      int length = Math.min(COPY_CHUNK, source.length() - from);
      long to = offsets[s] + from;
      if (source instanceof CpuMat.Doubles) {
        at((DoublePointer) w, to).put(((CpuMat.Doubles) source).data, source.offset + from, length);
      } else {
        at((FloatPointer) w, to).put(((CpuMat.Floats) source).data, source.offset + from, length);
      }
    });
  }

  private static void copyOut(CpuOps ops, Pointer w, long offset, CpuMat target) {
    ops.forEachTask(chunks(target.length()), t -> {
      int from = t * COPY_CHUNK;
      int length = Math.min(COPY_CHUNK, target.length() - from);
      if (target instanceof CpuMat.Doubles) {
        at((DoublePointer) w, offset + from).get(((CpuMat.Doubles) target).data, target.offset + from, length);
      } else {
        at((FloatPointer) w, offset + from).get(((CpuMat.Floats) target).data, target.offset + from, length);
      }
    });
  }

  private static int chunks(int length) {
    return (length + COPY_CHUNK - 1) / COPY_CHUNK;
  }

  /**
   * A native buffer of at least {@code size} elements of {@code precision}, reused across calls
   * when one of that precision is free.
   */
  private Pointer acquire(Precision precision, long size) {
    Pointer buffer = spare.getAndSet(null);
    boolean doubles = precision == Precision.DOUBLE;
    if (buffer != null
        && buffer.capacity() >= size
        && (buffer instanceof DoublePointer) == doubles) {
      return buffer;
    }
    if (buffer != null) {
      buffer.close();
    }
    return doubles ? new DoublePointer(size) : new FloatPointer(size);
  }

  private void release(Pointer buffer) {
    Pointer previous = spare.getAndSet(buffer);
    if (previous != null) {
      previous.close();
    }
  }

  private static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }
}
