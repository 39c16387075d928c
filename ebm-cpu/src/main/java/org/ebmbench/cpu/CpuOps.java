package org.ebmbench.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * Double-precision {@link Ops} on the Java heap. Work is split into blocks of output rows whose
 * size does not depend on the thread count, and every output element is reduced by one thread in
 * a fixed order, so results are bit-identical for any number of threads.
 */
final class CpuOps implements Ops {
  /**
   * Where {@link #softplusRowSums} folds its running product into the sum: each factor is at most
   * 2, so the product stays below 2 * 10^150, far from overflow.
   */
  private static final double SOFTPLUS_FOLD = 1e150;

  /** Below this many multiply-adds a task is not worth forking. */
  private static final long PARALLEL_WORK = 1L << 15;

  private final ForkJoinPool pool;
  private final int threads;
  private final GemmKernel gemmKernel;

  CpuOps(int threads, GemmKernel gemmKernel) {
    this.threads = threads;
    this.gemmKernel = gemmKernel;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads);
  }

  @Override
  public Precision precision() {
    return Precision.DOUBLE;
  }

  // ---- creation and transfer -----------------------------------------------------------------

  @Override
  public Mat zeros(int rows, int cols) {
    return new CpuMat(rows, cols);
  }

  @Override
  public Mat fromHost(int rows, int cols, double[] values) {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          values.length + " values cannot fill a " + rows + " x " + cols + " matrix");
    }
    CpuMat m = new CpuMat(rows, cols);
    System.arraycopy(values, 0, m.data, 0, values.length);
    return m;
  }

  @Override
  public double[] toHost(Mat m) {
    return cpu(m).data.clone();
  }

  @Override
  public void copy(Mat src, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    sameShape("copy", s, o);
    System.arraycopy(s.data, 0, o.data, 0, s.data.length);
  }

  @Override
  public void fill(double value, Mat out) {
    java.util.Arrays.fill(cpu(out).data, value);
  }

  @Override
  public void getColumns(Mat src, int first, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    columnRange("getColumns", s, first, o);
    for (int r = 0; r < s.rows; r++) {
      System.arraycopy(s.data, r * s.cols + first, o.data, r * o.cols, o.cols);
    }
  }

  @Override
  public void setColumns(Mat src, int first, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    columnRange("setColumns", o, first, s);
    for (int r = 0; r < s.rows; r++) {
      System.arraycopy(s.data, r * s.cols, o.data, r * o.cols + first, s.cols);
    }
  }

  @Override
  public void gatherRows(Mat src, int[] rows, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    if (o.rows != rows.length || o.cols != s.cols) {
      throw new IllegalArgumentException(
          "gatherRows: " + rows.length + " rows of a " + shape(s) + " matrix do not fit " + shape(o));
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= s.rows) {
        throw new IllegalArgumentException(
            "gatherRows: row " + rows[i] + " is outside a " + shape(s) + " matrix");
      }
      System.arraycopy(s.data, rows[i] * s.cols, o.data, i * s.cols, s.cols);
    }
  }

  @Override
  public void copyRange(Mat src, int srcOffset, Mat out, int outOffset, int count) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    if (s == o) {
      throw new IllegalArgumentException("copyRange: the output must not be the input");
    }
    if (count < 0
        || srcOffset < 0
        || outOffset < 0
        || (long) srcOffset + count > s.data.length
        || (long) outOffset + count > o.data.length) {
      throw new IllegalArgumentException(
          "copyRange: " + count + " elements from position " + srcOffset + " of " + shape(s)
              + " to position " + outOffset + " of " + shape(o) + " do not fit");
    }
    System.arraycopy(s.data, srcOffset, o.data, outOffset, count);
  }

  // ---- linear algebra ------------------------------------------------------------------------

  @Override
  public void gemm(
      double alpha, Mat a, boolean transposeA, Mat b, boolean transposeB, double beta, Mat c) {
    CpuMat ma = cpu(a);
    CpuMat mb = cpu(b);
    CpuMat mc = cpu(c);
    if (mc == ma || mc == mb) {
      throw new IllegalArgumentException("gemm: the output must not be an input");
    }
    int m = transposeA ? ma.cols : ma.rows;
    int k = transposeA ? ma.rows : ma.cols;
    int kb = transposeB ? mb.cols : mb.rows;
    int n = transposeB ? mb.rows : mb.cols;
    if (k != kb || mc.rows != m || mc.cols != n) {
      throw new IllegalArgumentException(
          "gemm: op(a) " + m + " x " + k + " times op(b) " + kb + " x " + n + " does not fit c "
              + shape(mc));
    }
    if (m == 0 || n == 0) {
      return;
    }
    gemmKernel.multiply(
        this, new GemmKernel.Product(alpha, ma, transposeA, mb, transposeB, beta, mc));
  }

  // ---- element-wise --------------------------------------------------------------------------

  @Override
  public void map(UnaryFunction f, Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    sameShape("map", s, o);
    double[] in = s.data;
    double[] res = o.data;
    forBlocks(in.length, 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        res[i] = apply(f, in[i]);
      }
    });
  }

  static double apply(UnaryFunction f, double v) {
    switch (f) {
      case EXP:
        return Math.exp(v);
      case LOG:
        return Math.log(v);
      case SIGMOID:
        return v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
      case SOFTPLUS:
        return Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
      case TANH:
        return Math.tanh(v);
      case SQUARE:
        return v * v;
      case SQRT:
        return Math.sqrt(v);
      case ABS:
        return Math.abs(v);
      case RECIPROCAL:
        return 1.0 / v;
      default:
        throw new IllegalArgumentException("unknown function " + f);
    }
  }

  @Override
  public void affine(Mat x, double scale, double shift, Mat out) {
    double[] in = sameShape("affine", cpu(x), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < in.length; i++) {
      res[i] = scale * in[i] + shift;
    }
  }

  @Override
  public void axpby(double alpha, Mat x, double beta, Mat y, Mat out) {
    double[] xs = sameShape("axpby", cpu(x), cpu(y)).data;
    double[] ys = sameShape("axpby", cpu(y), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < xs.length; i++) {
      res[i] = alpha * xs[i] + beta * ys[i];
    }
  }

  @Override
  public void multiply(Mat x, Mat y, Mat out) {
    double[] xs = sameShape("multiply", cpu(x), cpu(y)).data;
    double[] ys = sameShape("multiply", cpu(y), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < xs.length; i++) {
      res[i] = xs[i] * ys[i];
    }
  }

  @Override
  public void divide(Mat x, Mat y, Mat out) {
    double[] xs = sameShape("divide", cpu(x), cpu(y)).data;
    double[] ys = sameShape("divide", cpu(y), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < xs.length; i++) {
      res[i] = xs[i] / ys[i];
    }
  }

  @Override
  public void lessThan(Mat x, Mat y, Mat out) {
    double[] xs = sameShape("lessThan", cpu(x), cpu(y)).data;
    double[] ys = sameShape("lessThan", cpu(y), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < xs.length; i++) {
      res[i] = xs[i] < ys[i] ? 1.0 : 0.0;
    }
  }

  @Override
  public void lessThan(Mat x, double threshold, Mat out) {
    double[] xs = sameShape("lessThan", cpu(x), cpu(out)).data;
    double[] res = cpu(out).data;
    for (int i = 0; i < xs.length; i++) {
      res[i] = xs[i] < threshold ? 1.0 : 0.0;
    }
  }

  @Override
  public void addRowVector(Mat x, Mat row, Mat out) {
    CpuMat s = sameShape("addRowVector", cpu(x), cpu(out));
    CpuMat v = cpu(row);
    if (v.rows != 1 || v.cols != s.cols) {
      throw new IllegalArgumentException(
          "addRowVector: row " + shape(v) + " does not fit a " + shape(s) + " matrix");
    }
    double[] res = cpu(out).data;
    for (int r = 0; r < s.rows; r++) {
      int base = r * s.cols;
      for (int c = 0; c < s.cols; c++) {
        res[base + c] = s.data[base + c] + v.data[c];
      }
    }
  }

  @Override
  public void scaleRows(Mat x, Mat column, Mat out) {
    CpuMat s = sameShape("scaleRows", cpu(x), cpu(out));
    CpuMat w = cpu(column);
    if (w.cols != 1 || w.rows != s.rows) {
      throw new IllegalArgumentException(
          "scaleRows: column " + shape(w) + " does not fit a " + shape(s) + " matrix");
    }
    double[] res = cpu(out).data;
    for (int r = 0; r < s.rows; r++) {
      int base = r * s.cols;
      double f = w.data[r];
      for (int c = 0; c < s.cols; c++) {
        res[base + c] = s.data[base + c] * f;
      }
    }
  }

  // ---- reductions ----------------------------------------------------------------------------

  @Override
  public void columnSums(Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    if (o.rows != 1 || o.cols != s.cols) {
      throw new IllegalArgumentException("columnSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    java.util.Arrays.fill(o.data, 0.0);
    for (int r = 0; r < s.rows; r++) {
      int base = r * s.cols;
      for (int c = 0; c < s.cols; c++) {
        o.data[c] += s.data[base + c];
      }
    }
  }

  @Override
  public void rowSums(Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    if (o.cols != 1 || o.rows != s.rows) {
      throw new IllegalArgumentException("rowSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    for (int r = 0; r < s.rows; r++) {
      double acc = 0.0;
      int base = r * s.cols;
      for (int c = 0; c < s.cols; c++) {
        acc += s.data[base + c];
      }
      o.data[r] = acc;
    }
  }

  /**
   * Per row, softplus(v) = max(v, 0) + log(1 + e^-|v|): the max terms are summed, and the log terms
   * are taken once per row as the log of the product of (1 + e^-|v|). The product is kept as its
   * excess q = product - 1, updated by q + e + q e (positive terms only, so no cancellation, and
   * exact for tiny products where 1 + q would round to 1), and folded into the sum by log1p
   * whenever it passes {@link #SOFTPLUS_FOLD}, so it never overflows. One exp per element instead
   * of an exp and a log1p.
   */
  @Override
  public void softplusRowSums(Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    if (o.cols != 1 || o.rows != s.rows) {
      throw new IllegalArgumentException(
          "softplusRowSums: " + shape(o) + " cannot hold the row sums of " + shape(s));
    }
    int cols = s.cols;
    forBlocks(s.rows, 4L * cols, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * cols;
        double linear = 0.0;
        double logs = 0.0;
        double excess = 0.0;
        for (int c = 0; c < cols; c++) {
          double v = s.data[base + c];
          linear += Math.max(v, 0.0);
          double e = Math.exp(-Math.abs(v));
          excess += e + excess * e;
          if (excess > SOFTPLUS_FOLD) {
            logs += Math.log1p(excess);
            excess = 0.0;
          }
        }
        o.data[r] = linear + (logs + Math.log1p(excess));
      }
    });
  }

  @Override
  public double sum(Mat x) {
    double acc = 0.0;
    for (double v : cpu(x).data) {
      acc += v;
    }
    return acc;
  }

  @Override
  public double max(Mat x) {
    double best = Double.NEGATIVE_INFINITY;
    for (double v : cpu(x).data) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      best = Math.max(best, v);
    }
    return best;
  }

  @Override
  public double logSumExp(Mat x) {
    double m = max(x);
    if (Double.isNaN(m) || m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double acc = 0.0;
    for (double v : cpu(x).data) {
      acc += Math.exp(v - m);
    }
    return m + Math.log(acc);
  }

  // ---- structured kernels --------------------------------------------------------------------

  @Override
  public void pairwiseProducts(Mat x, boolean includeDiagonal, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    int n = s.cols;
    int pairs = includeDiagonal ? n * (n + 1) / 2 : n * (n - 1) / 2;
    if (o.rows != s.rows || o.cols != pairs) {
      throw new IllegalArgumentException(
          "pairwiseProducts: " + shape(o) + " cannot hold the " + pairs + " products of " + shape(s));
    }
    int offset = includeDiagonal ? 0 : 1;
    forBlocks(s.rows, pairs, (from, to) -> {
      for (int r = from; r < to; r++) {
        int in = r * n;
        int k = r * pairs;
        for (int i = 0; i < n; i++) {
          double xi = s.data[in + i];
          for (int j = i + offset; j < n; j++) {
            o.data[k++] = xi * s.data[in + j];
          }
        }
      }
    });
  }

  @Override
  public void binaryStates(long firstIndex, double low, double high, Mat out) {
    CpuMat o = cpu(out);
    if (o.cols > 62 || firstIndex < 0) {
      throw new IllegalArgumentException(
          "binaryStates: " + o.cols + " bits from index " + firstIndex + " is out of range");
    }
    forBlocks(o.rows, o.cols, (from, to) -> {
      for (int r = from; r < to; r++) {
        long index = firstIndex + r;
        int base = r * o.cols;
        for (int j = 0; j < o.cols; j++) {
          o.data[base + j] = ((index >>> j) & 1L) == 0 ? low : high;
        }
      }
    });
  }

  // ---- random draws --------------------------------------------------------------------------

  @Override
  public void uniform(RandomStream stream, Mat out) {
    double[] res = cpu(out).data;
    for (int i = 0; i < res.length; i++) {
      res[i] = stream.nextDouble();
    }
  }

  @Override
  public void gaussian(RandomStream stream, Mat out) {
    double[] res = cpu(out).data;
    for (int i = 0; i < res.length; i++) {
      res[i] = stream.nextGaussian();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A half-open range of indices. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  /**
   * Runs {@code task} over {@code [0, count)} split into blocks; {@code costPerItem} estimates the
   * work per index so small jobs stay on the calling thread. Block bounds depend only on
   * {@code count}, never on the thread count.
   */
  void forBlocks(int count, long costPerItem, RangeTask task) {
    long work = count * Math.max(1L, costPerItem);
    if (pool == null || work < PARALLEL_WORK || count < 2) {
      task.run(0, count);
      return;
    }
    int blocks = (int) Math.min(count, Math.max(2, work / PARALLEL_WORK));
    blocks = Math.min(blocks, 256);
    int per = (count + blocks - 1) / blocks;
    int taskCount = (count + per - 1) / per;
    forEachTask(taskCount, b -> task.run(b * per, Math.min(count, (b + 1) * per)));
  }

  /**
   * Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)}, on the pool when there
   * is one, else in order on the calling thread. The caller fixes what each task computes, so the
   * tasks must not depend on each other.
   */
  void forEachTask(int tasks, IntConsumer task) {
    if (pool == null || tasks < 2) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    pool.invoke(new BlockAction(task, 0, tasks));
  }

  private static final class BlockAction extends RecursiveAction {
    private final IntConsumer block;
    private final int from;
    private final int to;

    BlockAction(IntConsumer block, int from, int to) {
      this.block = block;
      this.from = from;
      this.to = to;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        block.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new BlockAction(block, from, mid), new BlockAction(block, mid, to));
    }
  }

  int threads() {
    return threads;
  }

  GemmKernel gemmKernel() {
    return gemmKernel;
  }

  private static CpuMat cpu(Mat m) {
    if (m instanceof CpuMat) {
      return (CpuMat) m;
    }
    throw new IllegalArgumentException(
        "the cpu engine cannot use a matrix from another engine: " + m.getClass().getName());
  }

  private static CpuMat sameShape(String op, CpuMat x, CpuMat y) {
    if (x.rows != y.rows || x.cols != y.cols) {
      throw new IllegalArgumentException(op + ": shapes " + shape(x) + " and " + shape(y) + " differ");
    }
    return x;
  }

  private static void columnRange(String op, CpuMat wide, int first, CpuMat narrow) {
    if (wide.rows != narrow.rows || first < 0 || first + narrow.cols > wide.cols) {
      throw new IllegalArgumentException(
          op + ": columns [" + first + ", " + (first + narrow.cols) + ") of " + shape(wide)
              + " do not fit " + shape(narrow));
    }
  }

  private static String shape(Mat m) {
    return m.rows() + " x " + m.cols();
  }
}
