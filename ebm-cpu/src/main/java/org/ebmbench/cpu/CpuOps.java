package org.ebmbench.cpu;

import java.util.function.IntConsumer;
import org.ebmbench.engine.ActivationFunction;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * {@link Ops} on the Java heap, in double or float storage ({@link CpuMat}); arithmetic and
 * accumulations are double in both, a float result is rounded once when stored. Work is split into
 * blocks of output rows whose size does not depend on the thread count, and every output element
 * is reduced by one thread in a fixed order, so results are bit-identical for any number of
 * threads.
 */
final class CpuOps implements Ops {
  /**
   * Where {@link #softplusRowSums} folds its running product into the sum: each factor is at most
   * 2, so the product stays below 2 * 10^150, far from overflow.
   */
  private static final double SOFTPLUS_FOLD = 1e150;

  /**
   * Where {@link #logMatMulExp} stops trusting a shifted sum: terms lost to underflow are below
   * 2.3e-308 each, so above this floor they change the sum by less than 1e-57 relative.
   */
  private static final double LOG_PRODUCT_FLOOR = 1e-250;

  /** Below this many multiply-adds a task is not worth forking. */
  private static final long PARALLEL_WORK = 1L << 15;

  private final Precision precision;
  private final WorkTeam team;
  private final int threads;
  private final GemmKernel gemmKernel;

  /**
   * @param team the worker threads, shared by the engine's precisions; null to run everything on
   *     the calling thread
   */
  CpuOps(Precision precision, int threads, WorkTeam team, GemmKernel gemmKernel) {
    this.precision = precision;
    this.threads = threads;
    this.gemmKernel = gemmKernel;
    this.team = team;
  }

  @Override
  public Precision precision() {
    return precision;
  }

  /**
   * On the engine's threads, as the tasks of one job: a part's own calls then find the team busy
   * and run on its thread alone, so each part's data stays on the core that made it.
   */
  @Override
  public void inParts(int parts, IntConsumer part) {
    forEachTask(parts, part);
  }

  // ---- creation and transfer -----------------------------------------------------------------

  @Override
  public Mat zeros(int rows, int cols) {
    return CpuMat.zeros(precision, rows, cols);
  }

  @Override
  public Mat fromHost(int rows, int cols, double[] values) {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          values.length + " values cannot fill a " + rows + " x " + cols + " matrix");
    }
    CpuMat m = CpuMat.zeros(precision, rows, cols);
    for (int i = 0; i < values.length; i++) {
      m.set(i, values[i]);
    }
    return m;
  }

  @Override
  public double[] toHost(Mat m) {
    CpuMat s = cpu(m);
    double[] values = new double[s.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = s.get(i);
    }
    return values;
  }

  @Override
  public void copy(Mat src, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    sameShape("copy", s, o);
    s.copyTo(0, o, 0, s.length());
  }

  @Override
  public void fill(double value, Mat out) {
    cpu(out).fill(value);
  }

  @Override
  public void getColumns(Mat src, int first, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    columnRange("getColumns", s, first, o);
    for (int r = 0; r < s.rows; r++) {
      s.copyTo(r * s.cols + first, o, r * o.cols, o.cols);
    }
  }

  @Override
  public void setColumns(Mat src, int first, Mat out) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    columnRange("setColumns", o, first, s);
    for (int r = 0; r < s.rows; r++) {
      s.copyTo(r * s.cols, o, r * o.cols + first, s.cols);
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
      s.copyTo(rows[i] * s.cols, o, i * s.cols, s.cols);
    }
  }

  @Override
  public void copyRange(Mat src, int srcOffset, Mat out, int outOffset, int count) {
    CpuMat s = cpu(src);
    CpuMat o = cpu(out);
    if (s.overlaps(o)) {
      throw new IllegalArgumentException("copyRange: the output must not overlap the input");
    }
    if (count < 0
        || srcOffset < 0
        || outOffset < 0
        || (long) srcOffset + count > s.length()
        || (long) outOffset + count > o.length()) {
      throw new IllegalArgumentException(
          "copyRange: " + count + " elements from position " + srcOffset + " of " + shape(s)
              + " to position " + outOffset + " of " + shape(o) + " do not fit");
    }
    s.copyTo(srcOffset, o, outOffset, count);
  }

  @Override
  public Mat view(Mat m, int offset, int rows, int cols) {
    CpuMat s = cpu(m);
    if (rows < 0 || cols < 0 || offset < 0 || offset + (long) rows * cols > s.length()) {
      throw new IllegalArgumentException(
          "view: " + rows + " x " + cols + " from position " + offset + " does not fit in "
              + shape(s));
    }
    return s.view(offset, rows, cols);
  }

  // ---- linear algebra ------------------------------------------------------------------------

  @Override
  public void gemm(
      double alpha, Mat a, boolean transposeA, Mat b, boolean transposeB, double beta, Mat c) {
    CpuMat ma = cpu(a);
    CpuMat mb = cpu(b);
    CpuMat mc = cpu(c);
    if (mc.overlaps(ma) || mc.overlaps(mb)) {
      throw new IllegalArgumentException("gemm: the output must not overlap an input");
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
    if (f == UnaryFunction.SIGMOID) {
      // Over plain arrays, in SIMD lanes: most of the RBMs' element-wise time.
      if (s instanceof CpuMat.Floats && o instanceof CpuMat.Floats) {
        float[] a = ((CpuMat.Floats) s).data;
        float[] b = ((CpuMat.Floats) o).data;
        forBlocks(s.length(), 8, (from, to) ->
            FloatSigmoid.pass(a, s.offset + from, b, o.offset + from, to - from));
      } else {
        elementwise(1, 8, Sigmoid::pass, s, o);
      }
      return;
    }
    forBlocks(s.length(), 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, apply(f, s.get(i)));
      }
    });
  }

  /** f(v) for the functions that {@link #map} computes one element at a time. */
  private static double apply(UnaryFunction f, double v) {
    switch (f) {
      case EXP:
        return Math.exp(v);
      case LOG:
        return Math.log(v);
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
        throw new IllegalArgumentException("map: no element-wise form of " + f);
    }
  }

  /**
   * One pass: per element one exp (softplus, SiLU; softplus adds a log1p) or one tanh, the
   * derivatives as the polynomials of {@link ActivationFunction}, each stored once. SiLU's exp is
   * {@link PolynomialExp}, in SIMD lanes when the Vector API is there ({@link Silu}); a float
   * matrix's SiLU is computed in float ({@link FloatSilu}).
   */
  @Override
  public void activate(
      ActivationFunction phi, int order, Mat x, Mat value, Mat d1, Mat d2, Mat d3) {
    ActivationFunction.checkActivateArguments(order, x, value, d1, d2, d3);
    Mat[] given = {value, d1, d2, d3};
    CpuMat[] mats = {cpu(x), null, null, null, null};
    for (int k = 0; k <= order; k++) {
      mats[k + 1] = cpu(given[k]);
    }
    if (phi == ActivationFunction.SILU && precision == Precision.FLOAT) {
      // In float lanes, without the double pass's widened copies (FloatSilu says why).
      float[][] arrays = new float[5][];
      int[] offsets = new int[5];
      for (int k = 0; k <= order + 1; k++) {
        arrays[k] = ((CpuMat.Floats) mats[k]).data;
        offsets[k] = mats[k].offset;
      }
      forBlocks(mats[0].length(), 16, (from, to) -> {
        int[] at = new int[5];
        for (int k = 0; k <= order + 1; k++) {
          at[k] = offsets[k] + from;
        }
        FloatSilu.pass(arrays, at, order, to - from);
      });
      return;
    }
    elementwise(1, 16, activationKernel(phi), mats);
  }

  /**
   * The pass of {@link #activate}: phi into array 1, its first three derivatives into arrays 2 to
   * 4 (scratch where not asked for), from array 0.
   */
  private static ElementPass.Kernel activationKernel(ActivationFunction phi) {
    switch (phi) {
      case SOFTPLUS:
        return (arrays, off, length) -> {
          double[] x = arrays[0];
          double[] v0 = arrays[1];
          double[] v1 = arrays[2];
          double[] v2 = arrays[3];
          double[] v3 = arrays[4];
          for (int i = 0; i < length; i++) {
            double a = x[off[0] + i];
            double e = Math.exp(-Math.abs(a));
            // sigmoid = (a >= 0 ? 1 : e) / (1 + e), selected by arithmetic: a branch on the sign
            // of random inputs mispredicts half the time, which costs as much as the exp.
            double positive = 0.5 + Math.copySign(0.5, a);
            double sg = (e + (1.0 - e) * positive) / (1.0 + e);
            double q = sg * (1.0 - sg);
            v0[off[1] + i] = Math.max(a, 0.0) + Math.log1p(e);
            v1[off[2] + i] = sg;
            v2[off[3] + i] = q;
            v3[off[4] + i] = q * (1.0 - 2.0 * sg);
          }
        };
      case SILU:
        return (arrays, off, length) -> Silu.pass(arrays, off, length);
      case TANH:
        return (arrays, off, length) -> {
          double[] x = arrays[0];
          double[] v0 = arrays[1];
          double[] v1 = arrays[2];
          double[] v2 = arrays[3];
          double[] v3 = arrays[4];
          for (int i = 0; i < length; i++) {
            double t = Math.tanh(x[off[0] + i]);
            double u = 1.0 - t * t;
            v0[off[1] + i] = t;
            v1[off[2] + i] = u;
            v2[off[3] + i] = -2.0 * t * u;
            v3[off[4] + i] = 4.0 * u - 6.0 * u * u;
          }
        };
      default:
        throw new IllegalArgumentException("activate: unknown activation " + phi);
    }
  }

  @Override
  public void affine(Mat x, double scale, double shift, Mat out) {
    CpuMat s = sameShape("affine", cpu(x), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(s.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, scale * s.get(i) + shift);
      }
    });
  }

  @Override
  public void axpby(double alpha, Mat x, double beta, Mat y, Mat out) {
    CpuMat xs = sameShape("axpby", cpu(x), cpu(y));
    CpuMat ys = sameShape("axpby", cpu(y), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(xs.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, alpha * xs.get(i) + beta * ys.get(i));
      }
    });
  }

  @Override
  public void momentumStep(
      double momentum, Mat gradient, double stepSize, Mat velocity, Mat parameters) {
    CpuMat g = sameShape("momentumStep", cpu(gradient), cpu(velocity));
    CpuMat v = sameShape("momentumStep", cpu(velocity), cpu(parameters));
    CpuMat theta = cpu(parameters);
    requireDisjoint("momentumStep: the gradient, velocity and parameters", g, v, theta);
    double step = -stepSize;
    forBlocks(v.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        v.set(i, momentum * v.get(i) + 1.0 * g.get(i));
        // Term by term as the two axpby calls compute it; theta reads the stored velocity.
        theta.set(i, 1.0 * theta.get(i) + step * v.get(i));
      }
    });
  }

  @Override
  public void multiply(Mat x, Mat y, Mat out) {
    CpuMat xs = sameShape("multiply", cpu(x), cpu(y));
    CpuMat ys = sameShape("multiply", cpu(y), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(xs.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, xs.get(i) * ys.get(i));
      }
    });
  }

  @Override
  public void divide(Mat x, Mat y, Mat out) {
    CpuMat xs = sameShape("divide", cpu(x), cpu(y));
    CpuMat ys = sameShape("divide", cpu(y), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(xs.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, xs.get(i) / ys.get(i));
      }
    });
  }

  @Override
  public void lessThan(Mat x, Mat y, Mat out) {
    CpuMat xs = sameShape("lessThan", cpu(x), cpu(y));
    CpuMat ys = sameShape("lessThan", cpu(y), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(xs.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, xs.get(i) < ys.get(i) ? 1.0 : 0.0);
      }
    });
  }

  @Override
  public void lessThan(Mat x, double threshold, Mat out) {
    CpuMat xs = sameShape("lessThan", cpu(x), cpu(out));
    CpuMat o = cpu(out);
    forBlocks(xs.length(), 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        o.set(i, xs.get(i) < threshold ? 1.0 : 0.0);
      }
    });
  }

  /**
   * One pass ({@link ProductSumPass}), split into blocks as every element-wise pass is; the work
   * per element is about one multiply or add per factor and term.
   */
  @Override
  public void productSum(ProductSum sum, Mat out) {
    CpuMat o = cpu(out);
    CpuMat[][] factors = new CpuMat[sum.terms()][];
    for (int t = 0; t < sum.terms(); t++) {
      factors[t] = new CpuMat[sum.factorCount(t)];
      for (int k = 0; k < factors[t].length; k++) {
        factors[t][k] = cpu(sum.factor(t, k));
      }
    }
    ProductSumPass pass = new ProductSumPass(sum, factors, o);
    // In lanes a factor costs a fraction of a scalar multiply-add; each block sets up work arrays.
    forBlocks(o.length(), Math.max(1, (sum.totalFactors() + sum.terms()) / 4), pass::run);
  }

  /**
   * In the order of Adam's composed passes (axpby, square, axpby, affine, sqrt, affine, divide,
   * axpby), so in double the bits are theirs; float storage rounds only m, v and theta.
   */
  @Override
  public void adamStep(
      Mat parameters,
      Mat gradient,
      Mat firstMoment,
      Mat secondMoment,
      double beta1,
      double beta2,
      double stepSize,
      double secondScale,
      double epsilon) {
    CpuMat theta = cpu(parameters);
    CpuMat g = sameShape("adamStep", cpu(gradient), theta);
    CpuMat m = sameShape("adamStep", cpu(firstMoment), theta);
    CpuMat v = sameShape("adamStep", cpu(secondMoment), theta);
    requireDisjoint("adamStep: the parameters, gradient and moments", theta, g, m, v);
    AdamPass.Settings settings =
        new AdamPass.Settings(beta1, beta2, stepSize, secondScale, epsilon);
    elementwise(
        4, 8, (arrays, offsets, length) -> AdamPass.pass(settings, arrays, offsets, length),
        theta, g, m, v, m, v, theta);
  }

  @Override
  public void addRowVector(Mat x, Mat row, Mat out) {
    CpuMat s = sameShape("addRowVector", cpu(x), cpu(out));
    CpuMat v = cpu(row);
    if (v.rows != 1 || v.cols != s.cols) {
      throw new IllegalArgumentException(
          "addRowVector: row " + shape(v) + " does not fit a " + shape(s) + " matrix");
    }
    CpuMat o = cpu(out);
    // An addition in lanes costs an eighth of a scalar multiply-add or less: a 256 x 128 float
    // pass (3 us) is cheaper on one thread than split across two (4 us).
    forBlocks(s.rows, Math.max(1, s.cols / 8), (from, to) -> addRowRange(s, v, o, from, to));
  }

  /**
   * Rows [from, to) of {@link #addRowVector}: each row in SIMD lanes ({@link VectorAddRow}) where
   * whole vectors fit, the rest element by element; element by element alone, the pass took 12% of
   * a float CD-20 step. A method of its own rather than the lambda's body: on one engine thread
   * the JIT compiled the loop written inside the lambda 4x slower.
   */
  private static void addRowRange(CpuMat s, CpuMat v, CpuMat o, int from, int to) {
    int cols = s.cols;
    for (int r = from; r < to; r++) {
      int base = r * cols;
      int done = ElementPass.VECTOR_API ? VectorAddRow.add(s, v, o, base) : 0;
      for (int c = done; c < cols; c++) {
        o.set(base + c, s.get(base + c) + v.get(c));
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
    CpuMat o = cpu(out);
    int cols = s.cols;
    forBlocks(s.rows, cols, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * cols;
        double f = w.get(r);
        for (int c = 0; c < cols; c++) {
          o.set(base + c, s.get(base + c) * f);
        }
      }
    });
  }

  // ---- reductions ----------------------------------------------------------------------------

  @Override
  public void columnSums(Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    if (o.rows != 1 || o.cols != s.cols) {
      throw new IllegalArgumentException("columnSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    int cols = s.cols;
    // Blocks of columns, each summed down the rows in order into double accumulators.
    forBlocks(cols, s.rows, (from, to) -> {
      double[] acc = new double[to - from];
      int done = ElementPass.VECTOR_API && s instanceof CpuMat.Floats
          ? VectorColumnSums.sum((CpuMat.Floats) s, from, to, acc)
          : from;
      for (int r = 0; r < s.rows; r++) {
        int base = r * cols;
        for (int c = done; c < to; c++) {
          acc[c - from] += s.get(base + c);
        }
      }
      for (int c = from; c < to; c++) {
        o.set(c, acc[c - from]);
      }
    });
  }

  @Override
  public void rowSums(Mat x, Mat out) {
    CpuMat s = cpu(x);
    CpuMat o = cpu(out);
    if (o.cols != 1 || o.rows != s.rows) {
      throw new IllegalArgumentException("rowSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    int cols = s.cols;
    forBlocks(s.rows, cols, (from, to) -> {
      for (int r = from; r < to; r++) {
        double acc = 0.0;
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
          acc += s.get(base + c);
        }
        o.set(r, acc);
      }
    });
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
          double v = s.get(base + c);
          linear += Math.max(v, 0.0);
          double e = Math.exp(-Math.abs(v));
          excess += e + excess * e;
          if (excess > SOFTPLUS_FOLD) {
            logs += Math.log1p(excess);
            excess = 0.0;
          }
        }
        o.set(r, linear + (logs + Math.log1p(excess)));
      }
    });
  }

  @Override
  public double sum(Mat x) {
    CpuMat s = cpu(x);
    double acc = 0.0;
    for (int i = 0, n = s.length(); i < n; i++) {
      acc += s.get(i);
    }
    return acc;
  }

  @Override
  public double max(Mat x) {
    CpuMat s = cpu(x);
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0, n = s.length(); i < n; i++) {
      double v = s.get(i);
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
    CpuMat s = cpu(x);
    double acc = 0.0;
    for (int i = 0, n = s.length(); i < n; i++) {
      acc += Math.exp(s.get(i) - m);
    }
    return m + Math.log(acc);
  }

  /**
   * Per column j, e[k][j] = exp(a[k][j] - max_k a[k][j]) once; per row, the shifted exponentials
   * of x, so a row costs k * m multiply-adds and k exponentials. A shifted sum at or below {@link
   * #LOG_PRODUCT_FLOOR} may have lost terms to underflow and is summed directly instead.
   */
  @Override
  public void logMatMulExp(Mat x, Mat a, Mat out) {
    CpuMat s = cpu(x);
    CpuMat t = cpu(a);
    CpuMat o = cpu(out);
    if (o.overlaps(s) || o.overlaps(t)) {
      throw new IllegalArgumentException("logMatMulExp: the output must not overlap an input");
    }
    if (s.cols != t.rows || o.rows != s.rows || o.cols != t.cols) {
      throw new IllegalArgumentException(
          "logMatMulExp: " + shape(s) + " times " + shape(t) + " does not fit " + shape(o));
    }
    int inner = s.cols;
    int cols = t.cols;
    double[] columnMax = new double[cols];
    java.util.Arrays.fill(columnMax, Double.NEGATIVE_INFINITY);
    for (int k = 0; k < inner; k++) {
      for (int j = 0; j < cols; j++) {
        columnMax[j] = Math.max(columnMax[j], t.get(k * cols + j));
      }
    }
    double[] shiftedExp = new double[inner * cols];
    for (int k = 0; k < inner * cols; k++) {
      shiftedExp[k] = Math.exp(t.get(k) - columnMax[k % cols]);
    }
    forBlocks(s.rows, (long) inner * cols, (from, to) -> {
      double[] row = new double[inner];
      double[] sums = new double[cols];
      for (int r = from; r < to; r++) {
        double rowMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < inner; k++) {
          row[k] = s.get(r * inner + k);
          rowMax = Math.max(rowMax, row[k]);
        }
        java.util.Arrays.fill(sums, 0.0);
        for (int k = 0; k < inner; k++) {
          double e = Math.exp(row[k] - rowMax);
          for (int j = 0; j < cols; j++) {
            sums[j] += e * shiftedExp[k * cols + j];
          }
        }
        for (int j = 0; j < cols; j++) {
          double value = sums[j] > LOG_PRODUCT_FLOOR
              ? rowMax + columnMax[j] + Math.log(sums[j])
              : directLogSum(row, t, j);
          o.set(r * cols + j, value);
        }
      }
    });
  }

  /** log sum_k exp(row[k] + a[k][j]), shifted by its own maximum term. */
  private static double directLogSum(double[] row, CpuMat a, int j) {
    int cols = a.cols;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < row.length; k++) {
      max = Math.max(max, row[k] + a.get(k * cols + j));
    }
    if (Double.isNaN(max) || Double.isInfinite(max)) {
      return max;
    }
    double sum = 0.0;
    for (int k = 0; k < row.length; k++) {
      sum += Math.exp(row[k] + a.get(k * cols + j) - max);
    }
    return max + Math.log(sum);
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
          double xi = s.get(in + i);
          for (int j = i + offset; j < n; j++) {
            o.set(k++, xi * s.get(in + j));
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
          o.set(base + j, ((index >>> j) & 1L) == 0 ? low : high);
        }
      }
    });
  }

  // ---- random draws --------------------------------------------------------------------------

  @Override
  public void uniform(RandomStream stream, Mat out) {
    cpu(out).drawUniform(stream);
  }

  /**
   * The uniforms are drawn into {@code out} in order (the draws are sequential), then compared in
   * parallel; in place, draws and comparisons share one sequential pass. Both without a branch on
   * the comparison. One sequential pass in every case was tried and measured slower on two threads
   * (docs/BENCHMARKS.md, "CD-1 float after the fused passes"): the parallel comparison reads the
   * probabilities where the parallel sigmoid pass left them.
   */
  @Override
  public void bernoulli(RandomStream stream, Mat probabilities, Mat out) {
    CpuMat p = sameShape("bernoulli", cpu(probabilities), cpu(out));
    CpuMat o = cpu(out);
    if (o.overlaps(p)) {
      if (o.offset == p.offset) {
        o.drawBernoulli(stream, p);
        return;
      }
      // A view over its probabilities at a shift would overwrite them before they are read.
      CpuMat copy = (CpuMat) zeros(p.rows, p.cols);
      p.copyTo(0, copy, 0, p.length());
      p = copy;
    }
    o.drawUniform(stream);
    CpuMat q = p;
    forBlocks(o.length(), 2, (from, to) -> o.keepBelow(q, from, to));
  }

  @Override
  public void gaussian(RandomStream stream, Mat out) {
    CpuMat o = cpu(out);
    for (int i = 0, n = o.length(); i < n; i++) {
      o.set(i, stream.nextGaussian());
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A half-open range of indices. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  /**
   * An element-wise pass ({@link ElementPass}) over {@code mats}, the first {@code inputs} read and
   * the rest written, split into blocks as {@link #forBlocks} splits them; {@code costPerElement}
   * estimates the work per element.
   */
  private void elementwise(
      int inputs, long costPerElement, ElementPass.Kernel kernel, CpuMat... mats) {
    forBlocks(mats[0].length(), costPerElement, (from, to) ->
        ElementPass.run(mats, inputs, from, to, kernel));
  }

  /**
   * Runs {@code task} over {@code [0, count)} split into blocks; {@code costPerItem} estimates the
   * work per index so small jobs stay on the calling thread. Block bounds depend only on
   * {@code count}, never on the thread count.
   */
  void forBlocks(int count, long costPerItem, RangeTask task) {
    long work = count * Math.max(1L, costPerItem);
    if (team == null || work < PARALLEL_WORK || count < 2) {
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
   * Runs {@code task.accept(t)} for every {@code t} in {@code [0, tasks)}, on the engine's threads
   * when it has several, else in order on the calling thread. The caller fixes what each task
   * computes, so the tasks must not depend on each other.
   */
  void forEachTask(int tasks, IntConsumer task) {
    if (team == null || tasks < 2) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    team.run(tasks, task);
  }

  int threads() {
    return threads;
  }

  GemmKernel gemmKernel() {
    return gemmKernel;
  }

  private CpuMat cpu(Mat m) {
    if (!(m instanceof CpuMat)) {
      throw new IllegalArgumentException(
          "the cpu engine cannot use a matrix from another engine: " + m.getClass().getName());
    }
    CpuMat c = (CpuMat) m;
    if (c.precision() != precision) {
      throw new IllegalArgumentException(
          "the cpu engine's " + precision + " ops cannot use a " + c.precision() + " matrix "
              + shape(c));
    }
    return c;
  }

  private static CpuMat sameShape(String op, CpuMat x, CpuMat y) {
    if (x.rows != y.rows || x.cols != y.cols) {
      throw new IllegalArgumentException(op + ": shapes " + shape(x) + " and " + shape(y) + " differ");
    }
    return x;
  }

  /** Throws, saying that {@code what} must not overlap, if two of {@code mats} share elements. */
  private static void requireDisjoint(String what, CpuMat... mats) {
    for (int i = 0; i < mats.length; i++) {
      for (int j = i + 1; j < mats.length; j++) {
        if (mats[i].overlaps(mats[j])) {
          throw new IllegalArgumentException(what + " must not overlap");
        }
      }
    }
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
