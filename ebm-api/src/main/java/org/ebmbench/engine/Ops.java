package org.ebmbench.engine;

import java.util.function.IntConsumer;
import org.ebmbench.random.RandomStream;

/**
 * Batched numerical primitives on engine-owned matrices: the whole surface below the engine line.
 *
 * <p>Models, samplers, estimators and metrics are written once against this interface. Its
 * granularity is a batch: a matrix product, an element-wise map over a matrix, a reduction. That
 * keeps the per-call overhead negligible on the CPU and gives a GPU large kernels.
 *
 * <p>Conventions: every method writes its result into an {@code out} matrix that the caller
 * allocated with the right shape, and throws {@link IllegalArgumentException} naming both shapes
 * (written "rows x cols", as the conformance kit checks) when a shape does not fit. Element-wise
 * methods allow {@code out} to be one of the inputs (in-place update). Results are deterministic:
 * the same inputs give the same bits whatever the number of threads. Random draws consume the given
 * stream in row-major order, so the same seed gives the same numbers on every thread count.
 */
public interface Ops {
  /** The precision of this instance's arrays and arithmetic. */
  Precision precision();

  // ---- creation and transfer -----------------------------------------------------------------

  /** A new matrix of zeros. */
  Mat zeros(int rows, int cols);

  /** A new matrix holding {@code values}, read in row-major order. */
  Mat fromHost(int rows, int cols, double[] values);

  /** The elements in row-major order, as a new host array. */
  double[] toHost(Mat m);

  /** Copies {@code src} into {@code out} (same shape). */
  void copy(Mat src, Mat out);

  /** Sets every element of {@code out} to {@code value}. */
  void fill(double value, Mat out);

  /** Copies columns {@code [first, first + out.cols())} of {@code src} into {@code out}. */
  void getColumns(Mat src, int first, Mat out);

  /** Copies {@code src} into columns {@code [first, first + src.cols())} of {@code out}. */
  void setColumns(Mat src, int first, Mat out);

  /** Copies the listed rows of {@code src}, in order, into the rows of {@code out}. */
  void gatherRows(Mat src, int[] rows, Mat out);

  /**
   * Copies {@code count} consecutive elements of {@code src}, starting at row-major position {@code
   * srcOffset}, into {@code out} starting at row-major position {@code outOffset}. The shapes may
   * differ: this is how a packed parameter vector (P x 1) is read as a weight matrix and a gradient
   * matrix is written back into a packed vector, without a trip through the host. {@code src} and
   * {@code out} must be different matrices.
   */
  void copyRange(Mat src, int srcOffset, Mat out, int outOffset, int count);

  /**
   * A {@code rows x cols} matrix whose elements, in row-major order, are the elements {@code
   * [offset, offset + rows * cols)} of {@code m} in row-major order: the same storage, not a copy,
   * so a write through either is seen through the other. This is how a packed parameter vector is
   * used as a weight matrix, and a gradient block is written in place, without copies. Overlapping
   * matrices must not be passed as an output and an input of one operation where that is
   * forbidden for the same matrix (gemm's {@code c}, copyRange's {@code out}); such calls throw.
   *
   * @throws IllegalArgumentException if the window does not fit in {@code m}
   */
  Mat view(Mat m, int offset, int rows, int cols);

  // ---- linear algebra ------------------------------------------------------------------------

  /**
   * General matrix product: {@code c = alpha * op(a) * op(b) + beta * c}, where op transposes
   * when asked. {@code c} must not be {@code a} or {@code b}. When {@code beta == 0}, {@code c}'s
   * old contents are ignored (NaN included).
   */
  void gemm(double alpha, Mat a, boolean transposeA, Mat b, boolean transposeB, double beta, Mat c);

  // ---- element-wise --------------------------------------------------------------------------

  /** {@code out = f(x)} element by element. */
  void map(UnaryFunction f, Mat x, Mat out);

  /**
   * A smooth activation and its derivatives, element by element: {@code value = phi(x)} and, up to
   * {@code order} (0 to 3), {@code d1 = phi'(x)}, {@code d2 = phi''(x)}, {@code d3 = phi'''(x)}
   * (formulas in {@link ActivationFunction}). Outputs beyond {@code order} are not touched and may
   * be null; the others have x's shape and are distinct from each other and from x. One call
   * instead of the dozen element-wise passes of {@link ActivationFunction#composed}.
   */
  void activate(ActivationFunction phi, int order, Mat x, Mat value, Mat d1, Mat d2, Mat d3);

  /** {@code out = scale * x + shift}. */
  void affine(Mat x, double scale, double shift, Mat out);

  /** {@code out = alpha * x + beta * y}. */
  void axpby(double alpha, Mat x, double beta, Mat y, Mat out);

  /**
   * One heavy-ball momentum step, element by element: {@code velocity = momentum * velocity +
   * gradient}, then {@code parameters = parameters - stepSize * velocity} with the new (stored)
   * velocity. The same bits as {@code axpby(momentum, velocity, 1, gradient, velocity)} followed by
   * {@code axpby(1, parameters, -stepSize, velocity, parameters)}, in one pass over the three
   * matrices instead of two: an optimizer step streams every parameter from memory, so the pass
   * saved is a sixth of its traffic. The three have one shape and must not overlap.
   */
  void momentumStep(double momentum, Mat gradient, double stepSize, Mat velocity, Mat parameters);

  /** {@code out = x * y}, element by element. */
  void multiply(Mat x, Mat y, Mat out);

  /** {@code out = x / y}, element by element. */
  void divide(Mat x, Mat y, Mat out);

  /** {@code out = 1 if x < y else 0}, element by element. */
  void lessThan(Mat x, Mat y, Mat out);

  /** {@code out = 1 if x < threshold else 0}, element by element. */
  void lessThan(Mat x, double threshold, Mat out);

  /**
   * {@code out = c_0 F_00 F_01 ... + c_1 F_10 ... + ...}, element by element ({@link ProductSum}:
   * each factor has out's shape or is a broadcast row or column). Each term is its coefficient
   * times its factors, multiplied left to right; the terms are added left to right, in the storage
   * precision (the cpu engine: in double for double matrices; in float for float matrices, each
   * element within (k + t + 1) float roundoffs of the sum of its terms' magnitudes, for at most k
   * factors in a term and t terms).
   * {@code out} may be one of the factors (every element's operands are read before it is
   * written), but must not otherwise overlap one.
   *
   * @throws IllegalArgumentException naming both shapes if a factor does not fit out
   */
  void productSum(ProductSum sum, Mat out);

  /**
   * One Adam update, element by element, of the parameters theta (the columns given share one
   * shape and are distinct), with gradient g and moments m, v:
   *
   * <pre>
   *   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
   *   theta = theta - stepSize m / (sqrt(secondScale v) + epsilon)
   * </pre>
   *
   * where the caller folds the bias corrections into {@code stepSize} (lr / (1 - beta1^t)) and
   * {@code secondScale} (1 / (1 - beta2^t)). One pass instead of Adam's eight; the cpu engine
   * computes in double and rounds m, v and theta once each.
   *
   * @throws IllegalArgumentException if two of the four matrices overlap
   */
  void adamStep(
      Mat parameters,
      Mat gradient,
      Mat firstMoment,
      Mat secondMoment,
      double beta1,
      double beta2,
      double stepSize,
      double secondScale,
      double epsilon);

  /** Adds the 1 x cols {@code row} to every row of {@code x}. */
  void addRowVector(Mat x, Mat row, Mat out);

  /** Multiplies row i of {@code x} by element i of the rows x 1 {@code column}. */
  void scaleRows(Mat x, Mat column, Mat out);

  // ---- reductions ----------------------------------------------------------------------------

  /** Sums over rows: {@code out} is 1 x cols. */
  void columnSums(Mat x, Mat out);

  /** Sums over columns: {@code out} is rows x 1. */
  void rowSums(Mat x, Mat out);

  /**
   * Sums over columns of softplus: {@code out[r] = sum_c log(1 + exp(x[r][c]))}, {@code out} rows x
   * 1, as accurate as summing {@link UnaryFunction#SOFTPLUS} element by element (relative error a
   * small multiple of the column count times machine epsilon) but fused: the free energy of an RBM
   * and each chunk of its exact partition function are this reduction, and a fused kernel need not
   * take a logarithm per element or write the rows x cols intermediate.
   */
  void softplusRowSums(Mat x, Mat out);

  /** The sum of all elements. */
  double sum(Mat x);

  /** The largest element (NaN if any element is NaN). */
  double max(Mat x);

  /** log(sum(exp(x))) over all elements, without overflow; -infinity for an empty matrix. */
  double logSumExp(Mat x);

  // ---- structured kernels --------------------------------------------------------------------

  /**
   * The matrix product in the log semiring: {@code out[r][j] = log sum_k exp(x[r][k] + a[k][j])},
   * for x n x k, a k x m, out n x m. Exact to round-off for any finite inputs: each sum is shifted
   * by its row's and column's maxima so nothing overflows, and an entry whose shifted sum would be
   * lost to underflow is summed directly. One step of chain forward-backward over a batch (a the
   * transitions), and with a k x 1 column of zeros the log-sum-exp of every row. {@code out} must
   * not overlap {@code x} or {@code a}.
   */
  void logMatMulExp(Mat x, Mat a, Mat out);

  /**
   * Pairwise products within each row: for row r, the products x[r][i] * x[r][j] for i < j (or
   * i <= j with {@code includeDiagonal}), in row-major order of (i, j). {@code out} has
   * n(n-1)/2 (or n(n+1)/2) columns. The second-order sufficient statistics of Ising and Gaussian
   * models.
   */
  void pairwiseProducts(Mat x, boolean includeDiagonal, Mat out);

  /**
   * Enumerates binary states: row r of {@code out} holds the bits of {@code firstIndex + r},
   * bit j (least significant first) in column j, written as {@code low} for 0 and {@code high}
   * for 1. One chunk of an exact enumeration.
   */
  void binaryStates(long firstIndex, double low, double high, Mat out);

  // ---- random draws --------------------------------------------------------------------------

  /** Fills {@code out} with independent draws from U[0, 1). */
  void uniform(RandomStream stream, Mat out);

  /** Fills {@code out} with independent draws from N(0, 1). */
  void gaussian(RandomStream stream, Mat out);

  /**
   * Independent Bernoulli draws: {@code out = 1 if u < p else 0}, element by element, with u the
   * uniform draws that {@link #uniform} would take from {@code stream} for a matrix of this shape
   * (stored in this precision), so the result is the bits of {@code uniform(stream, u);
   * lessThan(u, probabilities, out)} in one pass, without a matrix of uniforms. {@code out} may be
   * {@code probabilities}.
   */
  void bernoulli(RandomStream stream, Mat probabilities, Mat out);

  /**
   * Runs {@code part.accept(p)} for every p in [0, parts), in any order and possibly at the same
   * time on the engine's threads; the Ops calls a part makes run on the thread that runs it. For
   * work that splits into independent parts (the rows of a training batch), so that each part's
   * data stays on one core instead of every operation being split across them. Parts must not
   * write the same matrices, and what a part computes must not depend on the others.
   */
  void inParts(int parts, IntConsumer part);
}
