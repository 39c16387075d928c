package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * A non-Gaussian density on R or R^2: an exponential family with polynomial statistics, a double
 * well per axis and, in 2-D, a coupling term.
 *
 * <p>f(x) = sum_i (a_i x_i + b_i x_i^2 + c_i x_i^4) + g x_1 x_2, so in 1-D T(x) = (x, x^2, x^4) and
 * Theta = (a, b, c); in 2-D T(x) = (x1, x2, x1^2, x2^2, x1^4, x2^4, x1 x2) and Theta = (a1, a2, b1,
 * b2, c1, c2, g). exp(f) is integrable exactly when every c_i < 0, or some c_i = 0 and the density
 * stays Gaussian along that axis (b_i < 0; with both c_i = 0, the quadratic form must be negative
 * definite). Otherwise log Z, E[T] and sampling throw {@link NotNormalizableException}.
 *
 * <p><b>log Z and E[T]</b> are integrals over a box [lo_1, hi_1] (x [lo_2, hi_2]) chosen from Theta
 * so that the probability outside it is proven to be below {@link #TAIL_SHARE} (the bound is
 * derived in {@code SeparableEnvelope}: f(x) <= sum_i h_i(x_i) with each h_i bounded by r_i - k_i
 * x_i^4 or by a Gaussian exponent, whose tails have closed-form bounds). Inside the box a composite
 * Gauss-Legendre rule (16 nodes per panel, tensor in 2-D) doubles its panels until two successive
 * rules agree to {@link #QUADRATURE_TOLERANCE} ({@code WellQuadrature}). So the truncation error of
 * log Z is at most log(1 + 1e-15) (for E[T], whose statistics grow like |x|^4 where the envelope
 * decays like exp(-k x^4), the truncated share is of the same order, not bounded separately) and
 * the rule's error is about 1e-12 at worst: against independent trapezoid rules on wider boxes, and
 * the Gaussian closed form when c = 0, log Z agreed within 1e-14 and E[T_j] within 5e-13 of E|T_j|
 * on the test cases (sharp, wide, coupled, partly Gaussian); the tests assert 2e-12. Results are
 * cached per parameter value, so training that asks for both at one Theta integrates once (under a
 * millisecond in 1-D, a few milliseconds in 2-D, measured on a shared 2-core machine).
 *
 * <p><b>Exact sampling</b> is rejection from a piecewise-constant envelope over the same box whose
 * per-cell bound on f is proven by Taylor's theorem ({@code WellSampler}). "Exact" means: each draw
 * has exactly (up to floating point) the distribution P conditioned on the box, which is within
 * total variation {@link #TAIL_SHARE} of P. The draws are made on the host from the given stream
 * and returned as an engine matrix.
 *
 * <p>The suite's reference models ({@link #standard1d}, {@link #standard2d}) are tilted double
 * wells with unequal modes, so neither a single Gaussian nor a symmetric fit is right.
 */
public final class DoubleWellModel extends ContinuousExponentialFamily
    implements ExactPartition, ExactSampling {
  /** Proven upper bound on the probability outside the integration and sampling box. */
  public static final double TAIL_SHARE = 1e-15;

  /**
   * Agreement asked of two successive quadrature rules before the finer is accepted, relative to Z
   * for log Z and to E|T_j| for E[T_j]: a few thousand times double round-off, reachable by the
   * sums over up to 2048^2 nodes.
   */
  public static final double QUADRATURE_TOLERANCE = 1e-12;

  /**
   * Margin taken off the log Z found by a rule before it serves as the lower bound that sizes the
   * next box: far above the rule's error, so a second box always passes the check.
   */
  private static final double LOWER_BOUND_MARGIN = 1e-6;

  private static final int COARSE_PANELS = 8;
  private static final int MAX_BOX_ATTEMPTS = 4;

  private final int dimension;
  private final ParameterKeyedCache<Solution> solution = new ParameterKeyedCache<>();
  private final ParameterKeyedCache<WellSampler> sampler = new ParameterKeyedCache<>();

  private DoubleWellModel(Ops ops, int dimension, double[] theta) {
    super(ops, theta);
    this.dimension = dimension;
  }

  /**
   * A model from its parameters (layout in the class comment). It need not be normalizable: f, its
   * derivatives and score matching are defined for every finite Theta.
   *
   * @throws IllegalArgumentException if the dimension is not 1 or 2, {@code theta} has the wrong
   *     length, or an entry is not finite
   */
  public static DoubleWellModel fromParameters(Ops ops, int dimension, double[] theta) {
    if (dimension != 1 && dimension != 2) {
      throw new IllegalArgumentException("double-well: dimension must be 1 or 2, got " + dimension);
    }
    if (theta.length != parameterCount(dimension)) {
      throw new IllegalArgumentException(
          "double-well(d="
              + dimension
              + "): theta has "
              + theta.length
              + " entries, expected "
              + parameterCount(dimension));
    }
    for (int j = 0; j < theta.length; j++) {
      if (!Double.isFinite(theta[j])) {
        throw new IllegalArgumentException(
            "double-well(d=" + dimension + "): theta[" + j + "] = " + theta[j] + " is not finite");
      }
    }
    return new DoubleWellModel(ops, dimension, theta.clone());
  }

  /**
   * The suite's 1-D reference: f(x) = -2 (x^2 - 1)^2 + 0.5 x, up to a constant, so Theta = (0.5, 4,
   * -2). Wells at about -0.97 and +1.03; the tilt makes the right one about 2.4 times heavier.
   */
  public static DoubleWellModel standard1d(Ops ops) {
    return fromParameters(ops, 1, new double[] {0.5, 4.0, -2.0});
  }

  /**
   * The suite's 2-D reference: the 1-D well on each axis plus the coupling 0.8 x1 x2, so Theta =
   * (0.5, 0.5, 4, 4, -2, -2, 0.8). Four modes near (+-1, +-1); the coupling favours the aligned
   * ones and the tilt (1, 1) over (-1, -1).
   */
  public static DoubleWellModel standard2d(Ops ops) {
    return fromParameters(ops, 2, new double[] {0.5, 0.5, 4.0, 4.0, -2.0, -2.0, 0.8});
  }

  /** The number of parameters: 3 in 1-D, 7 in 2-D. */
  public static int parameterCount(int dimension) {
    return WellPotential.parameterCount(dimension);
  }

  @Override
  public String describe() {
    return "double-well(d=" + dimension + ")";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public DoubleWellModel copy() {
    return new DoubleWellModel(ops, dimension, parameterValues());
  }

  @Override
  public void sufficientStatistics(Mat x, Mat out) {
    int n = x.rows();
    Mat square = ops.zeros(n, dimension);
    ops.setColumns(x, WellPotential.linearIndex(0), out);
    ops.map(UnaryFunction.SQUARE, x, square);
    ops.setColumns(square, WellPotential.quadraticIndex(dimension, 0), out);
    ops.map(UnaryFunction.SQUARE, square, square);
    ops.setColumns(square, WellPotential.quarticIndex(dimension, 0), out);
    if (dimension == 2) {
      Mat product = ops.zeros(n, 1);
      ops.pairwiseProducts(x, false, product);
      ops.setColumns(product, WellPotential.couplingIndex(dimension), out);
    }
  }

  /** dT/dx_k: 1 at a_k, 2 x_k at b_k, 4 x_k^3 at c_k, x_other at g, 0 elsewhere. */
  @Override
  public void statisticDerivative(Mat x, int k, Mat out) {
    int n = x.rows();
    Mat column = ops.zeros(n, 1);
    Mat work = ops.zeros(n, 1);
    ops.fill(0.0, out);
    ops.fill(1.0, work);
    ops.setColumns(work, WellPotential.linearIndex(k), out);
    ops.getColumns(x, k, column);
    ops.affine(column, 2.0, 0.0, work);
    ops.setColumns(work, WellPotential.quadraticIndex(dimension, k), out);
    ops.map(UnaryFunction.SQUARE, column, work);
    ops.multiply(work, column, work);
    ops.affine(work, 4.0, 0.0, work);
    ops.setColumns(work, WellPotential.quarticIndex(dimension, k), out);
    if (dimension == 2) {
      ops.getColumns(x, 1 - k, work);
      ops.setColumns(work, WellPotential.couplingIndex(dimension), out);
    }
  }

  /** sum_k d^2 T / dx_k^2: 2 at each b_i, 12 x_i^2 at each c_i, 0 elsewhere. */
  @Override
  public void statisticLaplacian(Mat x, Mat out) {
    int n = x.rows();
    Mat work = ops.zeros(n, dimension);
    ops.fill(0.0, out);
    ops.fill(2.0, work);
    ops.setColumns(work, WellPotential.quadraticIndex(dimension, 0), out);
    ops.map(UnaryFunction.SQUARE, x, work);
    ops.affine(work, 12.0, 0.0, work);
    ops.setColumns(work, WellPotential.quarticIndex(dimension, 0), out);
  }

  @Override
  public double logPartition() {
    return solution().integral.logPartition();
  }

  @Override
  public void expectedParameterGradient(Mat out) {
    double[] expected = solution().integral.expectedStatistics();
    ops.copy(ops.fromHost(expected.length, 1, expected), out);
  }

  @Override
  public Mat sampleExactly(int count, RandomStream stream) {
    Solution s = solution();
    WellSampler draws =
        sampler.get(parameterValues(), theta -> WellSampler.build(s.potential, s.lo, s.hi));
    return ops.fromHost(count, dimension, draws.sample(count, stream));
  }

  private Solution solution() {
    return solution.get(parameterValues(), this::solve);
  }

  /**
   * Sizes the box from a lower bound on log Z and integrates; if the result falls below the bound
   * it assumed, the box is resized from the result (a larger box) and integrated again.
   */
  private Solution solve(double[] theta) {
    WellPotential p = WellPotential.of(dimension, theta);
    p.requireNormalizable(describe());
    SeparableEnvelope envelope = SeparableEnvelope.of(p);
    try {
      // A first guess from one coarse rule on the smallest box the envelope allows.
      double[][] box = envelope.box(envelope.logMass(), TAIL_SHARE);
      double coarse = WellQuadrature.integrate(p, box[0], box[1], COARSE_PANELS).logPartition();
      double logZLower = Math.min(envelope.logMass(), coarse - 1.0);
      for (int attempt = 0; attempt < MAX_BOX_ATTEMPTS; attempt++) {
        box = envelope.box(logZLower, TAIL_SHARE);
        WellQuadrature.Integral integral = WellQuadrature.integrate(p, box[0], box[1]);
        if (integral.logPartition() >= logZLower) {
          return new Solution(p, box[0], box[1], integral);
        }
        logZLower = integral.logPartition() - LOWER_BOUND_MARGIN;
      }
    } catch (ArithmeticException e) {
      throw new ArithmeticException(describe() + ": " + e.getMessage());
    }
    throw new ArithmeticException(
        describe()
            + ": no integration box passed the truncation check in "
            + MAX_BOX_ATTEMPTS
            + " attempts");
  }

  /** Everything computed at one parameter value. */
  private record Solution(
      WellPotential potential, double[] lo, double[] hi, WellQuadrature.Integral integral) {}
}
