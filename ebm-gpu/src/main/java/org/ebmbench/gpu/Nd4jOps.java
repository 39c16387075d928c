package org.ebmbench.gpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.ebmbench.engine.ActivationFunction;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseScalarOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * {@link Ops} on ND4J arrays of one data type (FLOAT or DOUBLE). Every operation is one or a few
 * whole-array ND4J calls, so on the CUDA backend each runs as device kernels; the host sees only
 * what {@link #toHost} and the scalar reductions return.
 *
 * <p>Choices that differ from a literal translation, and why:
 *
 * <ul>
 *   <li>Random draws come from the caller's {@link RandomStream} on the host and are copied over
 *       (rounded to float in FLOAT): the same seed then gives the same numbers as the cpu engine,
 *       so in DOUBLE both engines walk the same Markov chains. ND4J's own generators would give
 *       other streams on every backend.
 *   <li>{@link #sum} and {@link #logSumExp} accumulate in double even in FLOAT: they return one
 *       number to the host (a log partition function over 2^20 states, a total loss), and a float
 *       accumulator over 10^6 terms would lose most of float's digits. Row and column reductions
 *       stay in the array's type.
 *   <li>Softplus is composed as max(x, 0) + log1p(exp(-|x|)): ND4J's own softplus, log(1 + e^x),
 *       overflows for x above ~88 (float) or ~709 (double).
 *   <li>Nothing is allocated per call once warm ({@link Nd4jScratch}): scalar operands, columns of
 *       ones and temporaries are reused, because an ND4J allocation costs more than the kernels
 *       of a small matrix. Broadcasts and row or column sums are matrix products with a column of
 *       ones (ND4J's broadcast kernels cost several times a product of the same size), and the
 *       states of an exact enumeration are kept for the next call with the same chunk.
 * </ul>
 */
final class Nd4jOps implements Ops {
  /** Enumeration indices are exact in double below this, the device arithmetic binaryStates uses. */
  private static final long EXACT_INDEX_LIMIT = 1L << 53;

  /** Scratch matrices {@link ActivationFunction#composed} takes. */
  private static final int ACTIVATE_SCRATCH = 3;

  /**
   * The first of activate's scratch slots: above every slot of the ops it composes (map's softplus
   * uses 0 to 2, axpby 0), which would otherwise overwrite activate's temporaries mid-formula.
   */
  private static final int ACTIVATE_FIRST_SLOT = 5;

  /** {@link #adamStep}'s scratch slot: above activate's. */
  private static final int ADAM_SLOT = ACTIVATE_FIRST_SLOT + ACTIVATE_SCRATCH;

  /** Elements of enumerated states kept for reuse (32 MiB in float). */
  private static final long MAX_CACHED_STATE_ELEMENTS = 1L << 23;

  private final Precision precision;
  private final DataType type;
  private final ThreadLocal<Nd4jScratch> scratch;

  /** Chunks of binary states by what defines them; each array is read only once cached. */
  private final Map<StatesKey, INDArray> states = new ConcurrentHashMap<>();

  private final AtomicLong cachedStateElements = new AtomicLong();

  Nd4jOps(Precision precision) {
    this.precision = precision;
    this.type = precision == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    this.scratch = ThreadLocal.withInitial(() -> new Nd4jScratch(type));
  }

  /** In order on the calling thread: ND4J's work is already spread by its own backend. */
  @Override
  public void inParts(int parts, IntConsumer part) {
    for (int p = 0; p < parts; p++) {
      part.accept(p);
    }
  }

  @Override
  public Precision precision() {
    return precision;
  }

  // ---- creation and transfer -----------------------------------------------------------------

  @Override
  public Mat zeros(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    return new GpuMat(rows, cols, (long) rows * cols == 0 ? null : Nd4j.zeros(type, rows, cols));
  }

  @Override
  public Mat fromHost(int rows, int cols, double[] values) {
    if (rows < 0 || cols < 0 || values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          values.length + " values cannot fill a " + rows + " x " + cols + " matrix");
    }
    return new GpuMat(rows, cols, values.length == 0 ? null : upload(rows, cols, values));
  }

  /** A new rows x cols array of this precision holding {@code values} (row-major). */
  private INDArray upload(int rows, int cols, double[] values) {
    long[] shape = {rows, cols};
    if (type == DataType.DOUBLE) {
      return Nd4j.create(values, shape, DataType.DOUBLE);
    }
    return Nd4j.create(narrow(values), shape, DataType.FLOAT);
  }

  private static float[] narrow(double[] values) {
    float[] narrowed = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      narrowed[i] = (float) values[i];
    }
    return narrowed;
  }

  @Override
  public double[] toHost(Mat m) {
    GpuMat g = gpu(m);
    if (g.isEmpty()) {
      return new double[0];
    }
    return (g.ownsStorage() ? g.array : g.array.dup('c')).data().asDouble();
  }

  @Override
  public void copy(Mat src, Mat out) {
    GpuMat s = gpu(src);
    GpuMat o = gpu(out);
    sameShape("copy", s, o);
    if (!o.isEmpty()) {
      o.array.assign(s.array);
    }
  }

  @Override
  public void fill(double value, Mat out) {
    GpuMat o = gpu(out);
    if (!o.isEmpty()) {
      scalarOp(new ScalarSet(), o.array, value, o.array);
    }
  }

  @Override
  public void getColumns(Mat src, int first, Mat out) {
    GpuMat s = gpu(src);
    GpuMat o = gpu(out);
    columnRange("getColumns", s, first, o);
    if (!o.isEmpty()) {
      o.array.assign(s.array.get(NDArrayIndex.all(), NDArrayIndex.interval(first, first + o.cols())));
    }
  }

  @Override
  public void setColumns(Mat src, int first, Mat out) {
    GpuMat s = gpu(src);
    GpuMat o = gpu(out);
    columnRange("setColumns", o, first, s);
    if (!s.isEmpty()) {
      o.array.get(NDArrayIndex.all(), NDArrayIndex.interval(first, first + s.cols())).assign(s.array);
    }
  }

  @Override
  public void gatherRows(Mat src, int[] rows, Mat out) {
    GpuMat s = gpu(src);
    GpuMat o = gpu(out);
    if (o.rows() != rows.length || o.cols() != s.cols()) {
      throw new IllegalArgumentException(
          "gatherRows: " + rows.length + " rows of a " + shape(s) + " matrix do not fit " + shape(o));
    }
    for (int row : rows) {
      if (row < 0 || row >= s.rows()) {
        throw new IllegalArgumentException(
            "gatherRows: row " + row + " is outside a " + shape(s) + " matrix");
      }
    }
    if (!o.isEmpty()) {
      Nd4j.pullRows(s.array, o.array, 1, rows);
    }
  }

  @Override
  public void copyRange(Mat src, int srcOffset, Mat out, int outOffset, int count) {
    GpuMat s = gpu(src);
    GpuMat o = gpu(out);
    if (s == o || s.overlaps(o)) {
      throw new IllegalArgumentException("copyRange: the output must not overlap the input");
    }
    if (count < 0
        || srcOffset < 0
        || outOffset < 0
        || (long) srcOffset + count > s.size()
        || (long) outOffset + count > o.size()) {
      throw new IllegalArgumentException(
          "copyRange: " + count + " elements from position " + srcOffset + " of " + shape(s)
              + " to position " + outOffset + " of " + shape(o) + " do not fit");
    }
    if (count > 0) {
      o.flatRange(outOffset, count).assign(s.flatRange(srcOffset, count));
    }
  }

  @Override
  public Mat view(Mat m, int offset, int rows, int cols) {
    GpuMat s = gpu(m);
    if (rows < 0 || cols < 0 || offset < 0 || offset + (long) rows * cols > s.size()) {
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
    GpuMat ma = gpu(a);
    GpuMat mb = gpu(b);
    GpuMat mc = gpu(c);
    if (mc == ma || mc == mb || mc.overlaps(ma) || mc.overlaps(mb)) {
      throw new IllegalArgumentException("gemm: the output must not overlap an input");
    }
    int m = transposeA ? ma.cols() : ma.rows();
    int k = transposeA ? ma.rows() : ma.cols();
    int kb = transposeB ? mb.cols() : mb.rows();
    int n = transposeB ? mb.rows() : mb.cols();
    if (k != kb || mc.rows() != m || mc.cols() != n) {
      throw new IllegalArgumentException(
          "gemm: op(a) " + m + " x " + k + " times op(b) " + kb + " x " + n + " does not fit c "
              + shape(mc));
    }
    if (mc.isEmpty()) {
      return;
    }
    if (k == 0) {
      // An empty product: only beta * c remains (and beta = 0 ignores c, NaN included).
      if (beta == 0.0) {
        mc.array.assign(0.0);
      } else {
        mc.array.muli(beta);
      }
      return;
    }
    Nd4j.gemm(ma.array, mb.array, mc.array, transposeA, transposeB, alpha, beta);
  }

  // ---- element-wise --------------------------------------------------------------------------

  /** Composed from ND4J's element-wise ops ({@link ActivationFunction#composed}). */
  @Override
  public void activate(
      ActivationFunction phi, int order, Mat x, Mat value, Mat d1, Mat d2, Mat d3) {
    ActivationFunction.checkActivateArguments(order, x, value, d1, d2, d3);
    GpuMat s = gpu(x);
    if (s.isEmpty()) {
      return;
    }
    Nd4jScratch temps = scratch.get();
    Mat[] work = new Mat[ACTIVATE_SCRATCH];
    for (int i = 0; i < work.length; i++) {
      work[i] = temps.mat(ACTIVATE_FIRST_SLOT + i, s.rows(), s.cols());
    }
    phi.composed(this, order, x, value, d1, d2, d3, work);
  }

  @Override
  public void map(UnaryFunction f, Mat x, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    sameShape("map", s, o);
    if (o.isEmpty()) {
      return;
    }
    INDArray in = s.array;
    INDArray res = o.array;
    switch (f) {
      case EXP:
        Nd4j.exec(new Exp(in, res));
        break;
      case LOG:
        Nd4j.exec(new Log(in, res));
        break;
      case SIGMOID:
        Nd4j.exec(new Sigmoid(in, res));
        break;
      case SOFTPLUS:
        softplus(in, res);
        break;
      case TANH:
        Nd4j.exec(new Tanh(in, res));
        break;
      case SQUARE:
        Nd4j.exec(new Square(in, res));
        break;
      case SQRT:
        Nd4j.exec(new Sqrt(in, res));
        break;
      case ABS:
        Nd4j.exec(new Abs(in, res));
        break;
      case RECIPROCAL:
        Nd4j.exec(new Reciprocal(in, res));
        break;
      default:
        throw new IllegalArgumentException("unknown function " + f);
    }
  }

  /**
   * out = max(x, 0) + log1p(exp(-|x|)), which neither overflows nor loses the tiny values of very
   * negative x; {@code out} may be {@code x}.
   */
  private void softplus(INDArray x, INDArray out) {
    Nd4jScratch temps = scratch.get();
    INDArray tail = temps.matrix(0, x.rows(), x.columns());
    Nd4j.exec(new Abs(x, tail));
    Nd4j.exec(new Negative(tail, tail));
    Nd4j.exec(new Exp(tail, tail));
    log1pInPlace(tail, temps);
    scalarOp(new RectifiedLinear(), x, 0.0, out);
    out.addi(tail);
  }

  /** Runs {@code op} as z = op(x, value) with a reused scalar operand (ND4J's would allocate). */
  private void scalarOp(BaseScalarOp op, INDArray x, double value, INDArray z) {
    op.setX(x);
    op.setZ(z);
    op.setScalar(scratch.get().scalar(value));
    Nd4j.getExecutioner().exec(op);
  }

  /**
   * t = log1p(t) = log(1 + t) for t >= 0, accurate for tiny t. ND4J's log1p computes log(1 + t),
   * which is 0 once 1 + t rounds to 1 (t = e^-40 and below in double). With u = 1 + t rounded,
   * log1p(t) = log(u) + log(1 + (t - (u - 1)) / u), and the second logarithm is its argument to
   * within its square (below epsilon squared): where u = 1 this gives t itself. No masks, no
   * division by zero, two temporaries (scratch slots 1 and 2).
   */
  private void log1pInPlace(INDArray t, Nd4jScratch temps) {
    INDArray u = temps.matrix(1, t.rows(), t.columns());
    INDArray correction = temps.matrix(2, t.rows(), t.columns());
    scalarOp(new ScalarAdd(), t, 1.0, u);
    scalarOp(new ScalarSubtraction(), u, 1.0, correction);
    t.sub(correction, correction);
    correction.divi(u);
    Nd4j.exec(new Log(u, t));
    t.addi(correction);
  }

  @Override
  public void affine(Mat x, double scale, double shift, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    sameShape("affine", s, o);
    if (o.isEmpty()) {
      return;
    }
    if (scale != 1.0) {
      scalarOp(new ScalarMultiplication(), s.array, scale, o.array);
    } else if (o != s) {
      o.array.assign(s.array);
    }
    if (shift != 0.0) {
      scalarOp(new ScalarAdd(), o.array, shift, o.array);
    }
  }

  @Override
  public void axpby(double alpha, Mat x, double beta, Mat y, Mat out) {
    GpuMat gx = gpu(x);
    GpuMat gy = gpu(y);
    GpuMat o = gpu(out);
    sameShape("axpby", gx, gy);
    sameShape("axpby", gy, o);
    if (o.isEmpty()) {
      return;
    }
    // alpha * x goes to a temporary first: out = beta * y may overwrite x.
    INDArray scaledX = scratch.get().matrix(0, o.rows(), o.cols());
    scalarOp(new ScalarMultiplication(), gx.array, alpha, scaledX);
    scalarOp(new ScalarMultiplication(), gy.array, beta, o.array);
    o.array.addi(scaledX);
  }

  /** The two axpby passes themselves: ND4J's kernels are one pass each whatever we call. */
  @Override
  public void momentumStep(
      double momentum, Mat gradient, double stepSize, Mat velocity, Mat parameters) {
    GpuMat g = gpu(gradient);
    GpuMat v = gpu(velocity);
    GpuMat theta = gpu(parameters);
    sameShape("momentumStep", g, v);
    sameShape("momentumStep", v, theta);
    requireDisjoint("momentumStep: the gradient, velocity and parameters", g, v, theta);
    axpby(momentum, velocity, 1.0, gradient, velocity);
    axpby(1.0, parameters, -stepSize, velocity, parameters);
  }

  @Override
  public void multiply(Mat x, Mat y, Mat out) {
    GpuMat gx = gpu(x);
    GpuMat gy = gpu(y);
    GpuMat o = gpu(out);
    sameShape("multiply", gx, gy);
    sameShape("multiply", gy, o);
    if (!o.isEmpty()) {
      gx.array.mul(gy.array, o.array);
    }
  }

  @Override
  public void divide(Mat x, Mat y, Mat out) {
    GpuMat gx = gpu(x);
    GpuMat gy = gpu(y);
    GpuMat o = gpu(out);
    sameShape("divide", gx, gy);
    sameShape("divide", gy, o);
    if (!o.isEmpty()) {
      gx.array.div(gy.array, o.array);
    }
  }

  @Override
  public void lessThan(Mat x, Mat y, Mat out) {
    GpuMat gx = gpu(x);
    GpuMat gy = gpu(y);
    GpuMat o = gpu(out);
    sameShape("lessThan", gx, gy);
    sameShape("lessThan", gy, o);
    if (!o.isEmpty()) {
      gy.array.sub(gx.array, o.array);
      positiveToOne(o.array);
    }
  }

  /**
   * In place: 1 where {@code a > 0}, else 0 (NaN included). x < y exactly when y - x > 0: the
   * difference of two different finite numbers is never rounded to zero (gradual underflow), and
   * NaN or inf - inf compare false as x < y does. Two kernels and no temporary, where ND4J's
   * comparisons would allocate a boolean array and convert it.
   */
  private void positiveToOne(INDArray a) {
    scalarOp(new Step(), a, 0.0, a);
  }

  @Override
  public void lessThan(Mat x, double threshold, Mat out) {
    GpuMat gx = gpu(x);
    GpuMat o = gpu(out);
    sameShape("lessThan", gx, o);
    if (!o.isEmpty()) {
      scalarOp(new ScalarReverseSubtraction(), gx.array, threshold, o.array);
      positiveToOne(o.array);
    }
  }

  /**
   * Composed: each term in a temporary (its first factor times the coefficient, then the others
   * multiplied in), added to the running sum in a second temporary, copied into out at the end
   * (out may be a factor). A broadcast factor is spread over a third temporary first by a product
   * with a column of ones (inner dimension 1: exact), as in {@link #scaleRows}. Scratch slots 0 to
   * 2.
   */
  @Override
  public void productSum(ProductSum sum, Mat out) {
    GpuMat o = gpu(out);
    ProductSum.Broadcast[][] kinds = sum.broadcasts(o);
    GpuMat[][] factors = new GpuMat[sum.terms()][];
    for (int t = 0; t < sum.terms(); t++) {
      factors[t] = new GpuMat[sum.factorCount(t)];
      for (int k = 0; k < factors[t].length; k++) {
        factors[t][k] = gpu(sum.factor(t, k));
      }
    }
    if (o.isEmpty()) {
      return;
    }
    Nd4jScratch temps = scratch.get();
    INDArray total = temps.matrix(0, o.rows(), o.cols());
    INDArray term = temps.matrix(1, o.rows(), o.cols());
    INDArray spread = temps.matrix(2, o.rows(), o.cols());
    for (int t = 0; t < sum.terms(); t++) {
      INDArray target = t == 0 ? total : term;
      if (factors[t].length == 0) {
        scalarOp(new ScalarSet(), target, sum.coefficient(t), target);
      }
      for (int k = 0; k < factors[t].length; k++) {
        INDArray factor = spread(factors[t][k], kinds[t][k], spread);
        if (k == 0) {
          scalarOp(new ScalarMultiplication(), factor, sum.coefficient(t), target);
        } else {
          target.muli(factor);
        }
      }
      if (t > 0) {
        total.addi(term);
      }
    }
    o.array.assign(total);
  }

  /** The factor as an array of out's shape: itself, or spread into {@code spread}. */
  private INDArray spread(GpuMat factor, ProductSum.Broadcast kind, INDArray spread) {
    switch (kind) {
      case FULL:
        return factor.array;
      case ROW:
        Nd4j.gemm(scratch.get().ones(spread.rows()), factor.array, spread, false, false, 1.0, 0.0);
        return spread;
      case COLUMN:
        Nd4j.gemm(factor.array, scratch.get().ones(spread.columns()), spread, false, true, 1.0, 0.0);
        return spread;
      default:
        throw new IllegalStateException("unknown broadcast " + kind);
    }
  }

  /**
   * Composed from this engine's own passes, in the order Adam used to make them; the temporary is
   * scratch slot {@value #ADAM_SLOT}, above those the passes use.
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
    GpuMat theta = gpu(parameters);
    sameShape("adamStep", gpu(gradient), theta);
    sameShape("adamStep", gpu(firstMoment), theta);
    sameShape("adamStep", gpu(secondMoment), theta);
    requireDisjoint("adamStep: the parameters, gradient and moments",
        theta, gpu(gradient), gpu(firstMoment), gpu(secondMoment));
    if (theta.isEmpty()) {
      return;
    }
    Mat work = scratch.get().mat(ADAM_SLOT, theta.rows(), theta.cols());
    axpby(beta1, firstMoment, 1.0 - beta1, gradient, firstMoment);
    multiply(gradient, gradient, work);
    axpby(beta2, secondMoment, 1.0 - beta2, work, secondMoment);
    affine(secondMoment, secondScale, 0.0, work);
    map(UnaryFunction.SQRT, work, work);
    affine(work, 1.0, epsilon, work);
    divide(firstMoment, work, work);
    axpby(1.0, parameters, -stepSize, work, parameters);
  }

  @Override
  public void addRowVector(Mat x, Mat row, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    GpuMat v = gpu(row);
    sameShape("addRowVector", s, o);
    if (v.rows() != 1 || v.cols() != s.cols()) {
      throw new IllegalArgumentException(
          "addRowVector: row " + shape(v) + " does not fit a " + shape(s) + " matrix");
    }
    if (!o.isEmpty()) {
      if (o != s) {
        o.array.assign(s.array);
      }
      // out += ones * row: a product with inner dimension 1, so each element gets exactly one
      // rounded addition, as a direct broadcast would.
      Nd4j.gemm(scratch.get().ones(o.rows()), v.array, o.array, false, false, 1.0, 1.0);
    }
  }

  @Override
  public void scaleRows(Mat x, Mat column, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    GpuMat w = gpu(column);
    sameShape("scaleRows", s, o);
    if (w.cols() != 1 || w.rows() != s.rows()) {
      throw new IllegalArgumentException(
          "scaleRows: column " + shape(w) + " does not fit a " + shape(s) + " matrix");
    }
    if (!o.isEmpty()) {
      // The factors spread over a temporary as column * ones^T (inner dimension 1: exact), then
      // one element-wise product.
      INDArray factors = scratch.get().matrix(0, o.rows(), o.cols());
      Nd4j.gemm(w.array, scratch.get().ones(o.cols()), factors, false, true, 1.0, 0.0);
      s.array.mul(factors, o.array);
    }
  }

  // ---- reductions ----------------------------------------------------------------------------

  @Override
  public void columnSums(Mat x, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    if (o.rows() != 1 || o.cols() != s.cols()) {
      throw new IllegalArgumentException(
          "columnSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    reduceInto(s, 0, o);
  }

  @Override
  public void rowSums(Mat x, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    if (o.cols() != 1 || o.rows() != s.rows()) {
      throw new IllegalArgumentException("rowSums: " + shape(o) + " cannot hold the sums of " + shape(s));
    }
    reduceInto(s, 1, o);
  }

  /**
   * Sums {@code s} along {@code dimension} into {@code o} (a sum of nothing is 0), as a product
   * with a column of ones: no result array to allocate, and one BLAS call.
   */
  private void reduceInto(GpuMat s, int dimension, GpuMat o) {
    if (o.isEmpty()) {
      return;
    }
    if (s.isEmpty()) {
      o.array.assign(0.0);
    } else {
      sumAlong(s.array, dimension, o.array);
    }
  }

  /** out = the sums of {@code x} over rows (dimension 0, 1 x cols) or columns (1, rows x 1). */
  private void sumAlong(INDArray x, int dimension, INDArray out) {
    if (dimension == 0) {
      Nd4j.gemm(scratch.get().ones(x.rows()), x, out, true, false, 1.0, 0.0);
    } else {
      Nd4j.gemm(x, scratch.get().ones(x.columns()), out, false, false, 1.0, 0.0);
    }
  }

  @Override
  public void softplusRowSums(Mat x, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    if (o.cols() != 1 || o.rows() != s.rows()) {
      throw new IllegalArgumentException(
          "softplusRowSums: " + shape(o) + " cannot hold the row sums of " + shape(s));
    }
    if (o.isEmpty()) {
      return;
    }
    if (s.isEmpty()) {
      o.array.assign(0.0);
      return;
    }
    // Slot 3: softplus itself uses slots 0 to 2.
    INDArray terms = scratch.get().matrix(3, s.rows(), s.cols());
    softplus(s.array, terms);
    sumAlong(terms, 1, o.array);
  }

  @Override
  public double sum(Mat x) {
    GpuMat s = gpu(x);
    return s.isEmpty() ? 0.0 : total(inDouble(s.array));
  }

  /** The array itself in DOUBLE, a double copy in FLOAT (for sums returned to the host). */
  private INDArray inDouble(INDArray a) {
    if (a.dataType() == DataType.DOUBLE) {
      return a;
    }
    INDArray copy = scratch.get().matrix(4, a.rows(), a.columns(), DataType.DOUBLE);
    copy.assign(a);
    return copy;
  }

  @Override
  public double max(Mat x) {
    GpuMat s = gpu(x);
    if (s.isEmpty()) {
      return Double.NEGATIVE_INFINITY;
    }
    // ND4J's max skips NaN; the contract propagates it. A sum is NaN when an element is NaN (or
    // when +inf meets -inf, which the exact test below tells apart): one cheap reduction in the
    // common case instead of a boolean search.
    if (Double.isNaN(total(s.array)) && BooleanIndexing.or(s.array, Conditions.isNan())) {
      return Double.NaN;
    }
    INDArray result = scratch.get().result(s.array.dataType());
    Nd4j.getExecutioner().exec(new Max(s.array, result));
    return result.getDouble(0);
  }

  /** The sum of all elements of {@code a}, in its type, into a reused scalar. */
  private double total(INDArray a) {
    INDArray result = scratch.get().result(a.dataType());
    Nd4j.getExecutioner().exec(new Sum(a, result));
    return result.getDouble(0);
  }

  @Override
  public double logSumExp(Mat x) {
    double m = max(x);
    if (Double.isNaN(m) || Double.isInfinite(m)) {
      return m;
    }
    INDArray values = gpu(x).array;
    INDArray shifted = scratch.get().matrix(0, values.rows(), values.columns());
    scalarOp(new ScalarSubtraction(), values, m, shifted);
    Nd4j.exec(new Exp(shifted, shifted));
    return m + Math.log(total(inDouble(shifted)));
  }

  /**
   * exp(x - row max) times exp(a - column max) as one matrix product, its log shifted back: a GEMM
   * and n k + k m exponentials. When the smallest shifted sum is at or below the precision's
   * {@link #logProductFloor}, terms may have been lost to underflow and the whole product is
   * summed directly instead, one output column at a time (n x k terms each, shifted by their row
   * maxima). The check costs one scalar read back per call.
   */
  @Override
  public void logMatMulExp(Mat x, Mat a, Mat out) {
    GpuMat s = gpu(x);
    GpuMat t = gpu(a);
    GpuMat o = gpu(out);
    if (o == s || o == t || o.overlaps(s) || o.overlaps(t)) {
      throw new IllegalArgumentException("logMatMulExp: the output must not overlap an input");
    }
    if (s.cols() != t.rows() || o.rows() != s.rows() || o.cols() != t.cols()) {
      throw new IllegalArgumentException(
          "logMatMulExp: " + shape(s) + " times " + shape(t) + " does not fit " + shape(o));
    }
    if (o.isEmpty()) {
      return;
    }
    if (s.isEmpty()) {
      o.array.assign(Double.NEGATIVE_INFINITY);
      return;
    }
    INDArray rowMax = s.array.max(true, 1);
    INDArray columnMax = t.array.max(true, 0);
    INDArray left = s.array.subColumnVector(rowMax);
    Nd4j.exec(new Exp(left, left));
    INDArray right = t.array.subRowVector(columnMax);
    Nd4j.exec(new Exp(right, right));
    INDArray sums = left.mmul(right);
    if (sums.minNumber().doubleValue() > logProductFloor()) {
      Nd4j.exec(new Log(sums, o.array));
      o.array.addiColumnVector(rowMax);
      o.array.addiRowVector(columnMax);
      return;
    }
    for (int j = 0; j < t.cols(); j++) {
      INDArray terms = s.array.addRowVector(t.array.getColumn(j, true).dup('c').reshape(1, t.rows()));
      INDArray termMax = terms.max(true, 1);
      terms.subiColumnVector(termMax);
      Nd4j.exec(new Exp(terms, terms));
      INDArray logSums = terms.sum(true, 1);
      Nd4j.exec(new Log(logSums, logSums));
      o.array.getColumn(j, true).assign(logSums.addi(termMax));
    }
  }

  /**
   * Shifted sums above this cannot have lost a relevant term to underflow: at most a few hundred
   * terms below the smallest subnormal (4.9e-324 double, 1.4e-45 float) change them by less than
   * 1e-57 (double) or 1e-12 (float) relative.
   */
  private double logProductFloor() {
    return type == DataType.DOUBLE ? 1e-250 : 1e-30;
  }

  // ---- structured kernels --------------------------------------------------------------------

  @Override
  public void pairwiseProducts(Mat x, boolean includeDiagonal, Mat out) {
    GpuMat s = gpu(x);
    GpuMat o = gpu(out);
    int n = s.cols();
    int pairs = includeDiagonal ? n * (n + 1) / 2 : n * (n - 1) / 2;
    if (o.rows() != s.rows() || o.cols() != pairs) {
      throw new IllegalArgumentException(
          "pairwiseProducts: " + shape(o) + " cannot hold the " + pairs + " products of " + shape(s));
    }
    if (o.isEmpty()) {
      return;
    }
    // Gather the factors as rows of x's transpose (ND4J's getColumns copies column by column),
    // multiply, and transpose back: a handful of kernels whatever n is.
    int[] left = new int[pairs];
    int[] right = new int[pairs];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = includeDiagonal ? i : i + 1; j < n; j++) {
        left[k] = i;
        right[k++] = j;
      }
    }
    INDArray columns = s.array.transpose().dup('c');
    INDArray products = Nd4j.pullRows(columns, 1, left);
    products.muli(Nd4j.pullRows(columns, 1, right));
    o.array.assign(products.transpose());
  }

  /**
   * Computed on the device in double, where every index below 2^53 is exact: bit j of index i is
   * floor(i / 2^j) - 2 floor(i / 2^(j+1)), and the states are bit * high + (1 - bit) * low, which
   * is exactly high or low. A chunk is kept on the device for the next call with the same
   * arguments (an exact-likelihood estimator enumerates the same chunks at every step), up to
   * {@value #MAX_CACHED_STATE_ELEMENTS} elements in all.
   */
  @Override
  public void binaryStates(long firstIndex, double low, double high, Mat out) {
    GpuMat o = gpu(out);
    if (o.cols() > 62 || firstIndex < 0) {
      throw new IllegalArgumentException(
          "binaryStates: " + o.cols() + " bits from index " + firstIndex + " is out of range");
    }
    if (firstIndex + o.rows() > EXACT_INDEX_LIMIT) {
      throw new IllegalArgumentException(
          "binaryStates: index " + (firstIndex + o.rows() - 1)
              + " is beyond 2^53, where the gpu engine's enumeration is exact");
    }
    if (o.isEmpty()) {
      return;
    }
    StatesKey key = new StatesKey(firstIndex, o.rows(), o.cols(), low, high);
    INDArray chunk = states.get(key);
    if (chunk == null) {
      chunk = enumerate(firstIndex, low, high, o.rows(), o.cols());
      remember(key, chunk);
    }
    o.array.assign(chunk);
  }

  /** Keeps {@code chunk} unless it alone is over the limit; empties the cache when it is full. */
  private synchronized void remember(StatesKey key, INDArray chunk) {
    long size = chunk.length();
    if (size > MAX_CACHED_STATE_ELEMENTS) {
      return;
    }
    if (cachedStateElements.addAndGet(size) > MAX_CACHED_STATE_ELEMENTS) {
      states.clear();
      cachedStateElements.set(size);
    }
    states.put(key, chunk);
  }

  /** A new rows x cols array of this precision: the states of indices [first, first + rows). */
  private INDArray enumerate(long firstIndex, double low, double high, int rows, int cols) {
    double[] indices = new double[rows];
    for (int r = 0; r < rows; r++) {
      indices[r] = firstIndex + r;
    }
    double[] scales = new double[cols];
    for (int j = 0; j < scales.length; j++) {
      scales[j] = Math.scalb(1.0, -j);
    }
    // index * 2^-j as a product with inner dimension 1: exact.
    INDArray shifted = Nd4j.zeros(DataType.DOUBLE, rows, cols);
    Nd4j.gemm(
        Nd4j.create(indices, new long[] {rows, 1}, DataType.DOUBLE),
        Nd4j.create(scales, new long[] {1, cols}, DataType.DOUBLE),
        shifted,
        false,
        false,
        1.0,
        0.0);
    Nd4j.exec(new Floor(shifted, shifted));
    INDArray halved = shifted.mul(0.5);
    Nd4j.exec(new Floor(halved, halved));
    INDArray bits = shifted.subi(halved.muli(2.0));
    INDArray values = bits.rsub(1.0).muli(low).addi(bits.muli(high));
    return values.castTo(type);
  }

  // ---- random draws --------------------------------------------------------------------------

  @Override
  public void uniform(RandomStream stream, Mat out) {
    GpuMat o = gpu(out);
    double[] values = new double[Math.toIntExact(o.size())];
    // The largest float below 1: a double just under 1 would otherwise round up to 1 in float.
    double below1 = type == DataType.FLOAT ? Math.nextDown(1.0f) : 1.0;
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.min(stream.nextDouble(), below1);
    }
    fillFromHost(o, values);
  }

  @Override
  public void gaussian(RandomStream stream, Mat out) {
    GpuMat o = gpu(out);
    double[] values = new double[Math.toIntExact(o.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = stream.nextGaussian();
    }
    fillFromHost(o, values);
  }

  /** The uniforms on the host as {@link #uniform} draws them, then one comparison kernel. */
  @Override
  public void bernoulli(RandomStream stream, Mat probabilities, Mat out) {
    GpuMat p = gpu(probabilities);
    sameShape("bernoulli", p, gpu(out));
    if (p.isEmpty()) {
      return;
    }
    // The uniforms go to a scratch matrix (lessThan takes no scratch), not a new one per draw.
    GpuMat u = scratch.get().mat(0, p.rows(), p.cols());
    uniform(stream, u);
    lessThan(u, p, out);
  }

  /** Writes {@code values} (rounded to float in FLOAT) straight into {@code o}'s buffer. */
  private void fillFromHost(GpuMat o, double[] values) {
    if (o.isEmpty()) {
      return;
    }
    if (!o.ownsStorage()) {
      o.array.assign(upload(o.rows(), o.cols(), values));
    } else if (type == DataType.DOUBLE) {
      o.array.data().setData(values);
    } else {
      o.array.data().setData(narrow(values));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static GpuMat gpu(Mat m) {
    if (m instanceof GpuMat) {
      return (GpuMat) m;
    }
    throw new IllegalArgumentException(
        "the gpu engine cannot use a matrix from another engine: " + m.getClass().getName());
  }

  /** Throws, saying that {@code what} must not overlap, if two of {@code mats} share elements. */
  private static void requireDisjoint(String what, GpuMat... mats) {
    for (int i = 0; i < mats.length; i++) {
      for (int j = i + 1; j < mats.length; j++) {
        // overlaps() compares views of one root; two handles of one array are the same object.
        if (mats[i] == mats[j] || mats[i].overlaps(mats[j])) {
          throw new IllegalArgumentException(what + " must not overlap");
        }
      }
    }
  }

  private static void sameShape(String op, GpuMat x, GpuMat y) {
    if (x.rows() != y.rows() || x.cols() != y.cols()) {
      throw new IllegalArgumentException(op + ": shapes " + shape(x) + " and " + shape(y) + " differ");
    }
  }

  private static void columnRange(String op, GpuMat wide, int first, GpuMat narrow) {
    if (wide.rows() != narrow.rows() || first < 0 || first + narrow.cols() > wide.cols()) {
      throw new IllegalArgumentException(
          op + ": columns [" + first + ", " + (first + narrow.cols()) + ") of " + shape(wide)
              + " do not fit " + shape(narrow));
    }
  }

  private static String shape(Mat m) {
    return m.rows() + " x " + m.cols();
  }

  /** What defines a chunk of enumerated binary states. */
  private record StatesKey(long firstIndex, int rows, int cols, double low, double high) {}
}
