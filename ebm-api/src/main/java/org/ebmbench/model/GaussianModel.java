package org.ebmbench.model;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.random.RandomStream;

/**
 * A multivariate Gaussian on R^d in natural parameters: f(x) = eta . x - x^T Lambda x / 2.
 *
 * <p>Theta = (eta_1 .. eta_d, then lambda_ij for i <= j in row-major (i, j) order), the column
 * order of {@link Ops#pairwiseProducts(Mat, boolean, Mat)} with the diagonal; Lambda_ii = lambda_ii
 * and Lambda_ij = Lambda_ji = lambda_ij. So T(x) = (x, then -x_i^2 / 2 for the diagonal pairs and
 * -x_i x_j for the others).
 *
 * <p>When Lambda is positive definite the closed forms hold: log Z = d/2 log 2 pi - 1/2 log det
 * Lambda + 1/2 eta^T Lambda^-1 eta, E[x] = mu = Lambda^-1 eta, E[x x^T] = Lambda^-1 + mu mu^T, and
 * x = mu + L^-T z with Lambda = L L^T and z standard normal is an exact draw. They are computed on
 * the host (d is small) once per parameter value. Otherwise {@link #logPartition()}, {@link
 * #expectedParameterGradient(Mat)} and {@link #sampleExactly(int, RandomStream)} throw {@link
 * NotNormalizableException}; f, its derivatives and score matching stay defined.
 */
public final class GaussianModel extends ContinuousExponentialFamily
    implements ExactPartition, ExactSampling {
  /** Largest asymmetry |A_ij - A_ji| accepted in a given matrix, relative to its largest entry. */
  private static final double SYMMETRY_TOLERANCE = 1e-12;

  private final int dimension;

  /** Diagonal (pairs x pairs): -1/2 for the (i, i) pairs, -1 for the others. */
  private final Mat pairScale;

  /**
   * dT/dx_k = x * derivativeSlope[k] + derivativeOffset[k]: T is quadratic, so dT/dx_k is affine.
   */
  private final Mat[] derivativeSlope;

  private final Mat[] derivativeOffset;

  /** The Laplacian of T: the same row for every x (-1 at the diagonal pairs, 0 elsewhere). */
  private final Mat laplacianRow;

  private final ParameterKeyedCache<ClosedForm> closedForm = new ParameterKeyedCache<>();

  private GaussianModel(Ops ops, int dimension, double[] theta) {
    super(ops, theta);
    this.dimension = dimension;
    int pairs = pairCount(dimension);
    int count = parameterCount(dimension);

    double[] scale = new double[pairs * pairs];
    double[] laplacian = new double[count];
    derivativeSlope = new Mat[dimension];
    derivativeOffset = new Mat[dimension];
    double[][] slopes = new double[dimension][dimension * count];
    for (int i = 0; i < dimension; i++) {
      for (int j = i; j < dimension; j++) {
        int p = pairIndex(dimension, i, j);
        int column = dimension + p;
        if (i == j) {
          scale[p * pairs + p] = -0.5;
          laplacian[column] = -1.0;
          slopes[i][i * count + column] = -1.0; // d(-x_i^2/2)/dx_i = -x_i
        } else {
          scale[p * pairs + p] = -1.0;
          slopes[i][j * count + column] = -1.0; // d(-x_i x_j)/dx_i = -x_j
          slopes[j][i * count + column] = -1.0; // d(-x_i x_j)/dx_j = -x_i
        }
      }
    }
    for (int k = 0; k < dimension; k++) {
      double[] offset = new double[count];
      offset[k] = 1.0; // d(x_k)/dx_k
      derivativeSlope[k] = ops.fromHost(dimension, count, slopes[k]);
      derivativeOffset[k] = ops.fromHost(1, count, offset);
    }
    pairScale = ops.fromHost(pairs, pairs, scale);
    laplacianRow = ops.fromHost(1, count, laplacian);
  }

  /**
   * A Gaussian from its parameter vector Theta (layout in the class comment).
   *
   * @throws IllegalArgumentException if {@code theta} does not have {@link #parameterCount(int)}
   *     entries or one is not finite
   */
  public static GaussianModel fromParameters(Ops ops, int dimension, double[] theta) {
    if (dimension < 1) {
      throw new IllegalArgumentException("gaussian: dimension must be >= 1, got " + dimension);
    }
    if (theta.length != parameterCount(dimension)) {
      throw new IllegalArgumentException(
          "gaussian(d="
              + dimension
              + "): theta has "
              + theta.length
              + " entries, expected "
              + parameterCount(dimension));
    }
    for (int p = 0; p < theta.length; p++) {
      requireFinite("theta[" + p + "]", theta[p]);
    }
    return new GaussianModel(ops, dimension, theta);
  }

  /**
   * A Gaussian from natural parameters: f(x) = eta . x - x^T lambda x / 2. {@code lambda} must be
   * square, of the size of {@code eta}, finite and symmetric (to 1e-12 relative to its largest
   * entry; the upper triangle is used). It need not be positive definite: such a model has f and
   * its derivatives but no log Z.
   */
  public static GaussianModel fromNatural(Ops ops, double[] eta, double[][] lambda) {
    double[][] symmetric = requireSymmetric("lambda", lambda, eta.length);
    int d = eta.length;
    double[] theta = new double[parameterCount(d)];
    for (int i = 0; i < d; i++) {
      theta[i] = requireFinite("eta[" + i + "]", eta[i]);
      for (int j = i; j < d; j++) {
        theta[d + pairIndex(d, i, j)] = symmetric[i][j];
      }
    }
    return new GaussianModel(ops, d, theta);
  }

  /**
   * A Gaussian with the given mean and covariance: Lambda = covariance^-1, eta = Lambda mean.
   *
   * @throws IllegalArgumentException if the sizes differ, an entry is not finite, or the covariance
   *     is not symmetric positive definite
   */
  public static GaussianModel fromMeanAndCovariance(Ops ops, double[] mean, double[][] covariance) {
    int d = mean.length;
    double[][] symmetric = requireSymmetric("covariance", covariance, d);
    for (int i = 0; i < d; i++) {
      requireFinite("mean[" + i + "]", mean[i]);
    }
    DecompositionSolver solver;
    try {
      solver =
          new CholeskyDecomposition(
                  MatrixUtils.createRealMatrix(symmetric),
                  CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
                  0.0)
              .getSolver();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException("gaussian: covariance is not positive definite", e);
    }
    RealMatrix lambda = solver.getInverse();
    double[] eta = lambda.operate(mean);
    double[][] precision = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        // The inverse is symmetric up to round-off; average to make it exactly so.
        precision[i][j] = 0.5 * (lambda.getEntry(i, j) + lambda.getEntry(j, i));
        precision[j][i] = precision[i][j];
      }
    }
    return fromNatural(ops, eta, precision);
  }

  /** The number of parameters of a d-dimensional Gaussian: d + d (d + 1) / 2. */
  public static int parameterCount(int dimension) {
    return dimension + pairCount(dimension);
  }

  private static int pairCount(int d) {
    return d * (d + 1) / 2;
  }

  /** The position of pair (i, j), i <= j, among the pairs in row-major order. */
  private static int pairIndex(int d, int i, int j) {
    return i * d - i * (i - 1) / 2 + (j - i);
  }

  @Override
  public String describe() {
    return "gaussian(d=" + dimension + ")";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public GaussianModel copy() {
    return new GaussianModel(ops, dimension, parameterValues());
  }

  @Override
  public void sufficientStatistics(Mat x, Mat out) {
    int n = x.rows();
    Mat products = ops.zeros(n, pairCount(dimension));
    Mat scaled = ops.zeros(n, pairCount(dimension));
    ops.setColumns(x, 0, out);
    ops.pairwiseProducts(x, true, products);
    ops.gemm(1.0, products, false, pairScale, false, 0.0, scaled);
    ops.setColumns(scaled, dimension, out);
  }

  @Override
  public void statisticDerivative(Mat x, int k, Mat out) {
    ops.gemm(1.0, x, false, derivativeSlope[k], false, 0.0, out);
    ops.addRowVector(out, derivativeOffset[k], out);
  }

  @Override
  public void statisticLaplacian(Mat x, Mat out) {
    ops.fill(0.0, out);
    ops.addRowVector(out, laplacianRow, out);
  }

  @Override
  public double logPartition() {
    return closedForm().logPartition;
  }

  @Override
  public void expectedParameterGradient(Mat out) {
    double[] expected = closedForm().expectedStatistics;
    ops.copy(ops.fromHost(expected.length, 1, expected), out);
  }

  @Override
  public Mat sampleExactly(int count, RandomStream stream) {
    ClosedForm form = closedForm();
    Mat z = ops.zeros(count, dimension);
    Mat x = ops.zeros(count, dimension);
    ops.gaussian(stream, z);
    // Row form of x = mu + L^-T z: x^T = mu^T + z^T L^-1.
    ops.gemm(
        1.0, z, false, ops.fromHost(dimension, dimension, form.inverseCholesky), false, 0.0, x);
    ops.addRowVector(x, ops.fromHost(1, dimension, form.mean), x);
    return x;
  }

  /** The mean mu = Lambda^-1 eta, as a new host array. */
  public double[] mean() {
    return closedForm().mean.clone();
  }

  /** The covariance Lambda^-1, as a new host array. */
  public double[][] covariance() {
    double[][] sigma = closedForm().covariance;
    double[][] copy = new double[dimension][];
    for (int i = 0; i < dimension; i++) {
      copy[i] = sigma[i].clone();
    }
    return copy;
  }

  private ClosedForm closedForm() {
    return closedForm.get(parameterValues(), this::solve);
  }

  private ClosedForm solve(double[] theta) {
    int d = dimension;
    for (int p = 0; p < theta.length; p++) {
      if (!Double.isFinite(theta[p])) {
        throw new NotNormalizableException(describe(), "theta[" + p + "] = " + theta[p]);
      }
    }
    double[] eta = Arrays.copyOf(theta, d);
    RealMatrix lambda = new Array2DRowRealMatrix(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double value = theta[d + pairIndex(d, i, j)];
        lambda.setEntry(i, j, value);
        lambda.setEntry(j, i, value);
      }
    }
    CholeskyDecomposition cholesky;
    try {
      // Positivity threshold 0: any Lambda with a positive Cholesky pivot is accepted.
      cholesky =
          new CholeskyDecomposition(
              lambda, CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0);
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new NotNormalizableException(describe(), "Lambda is not positive definite");
    }
    DecompositionSolver solver = cholesky.getSolver();
    double[] mu = solver.solve(new ArrayRealVector(eta, false)).toArray();
    double[][] sigma = solver.getInverse().getData();
    RealMatrix l = cholesky.getL();
    double logDet = 0.0;
    for (int i = 0; i < d; i++) {
      logDet += 2.0 * Math.log(l.getEntry(i, i));
    }
    double quadratic = 0.0;
    for (int i = 0; i < d; i++) {
      quadratic += eta[i] * mu[i];
    }
    double logZ = 0.5 * d * Math.log(2.0 * Math.PI) - 0.5 * logDet + 0.5 * quadratic;

    double[] expected = new double[parameterCount(d)];
    System.arraycopy(mu, 0, expected, 0, d);
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double second = 0.5 * (sigma[i][j] + sigma[j][i]) + mu[i] * mu[j];
        expected[d + pairIndex(d, i, j)] = i == j ? -0.5 * second : -second;
      }
    }
    double[] inverseCholesky = flatten(MatrixUtils.inverse(l).getData());
    return new ClosedForm(logZ, expected, mu, sigma, inverseCholesky);
  }

  private static double[] flatten(double[][] rows) {
    int d = rows.length;
    double[] flat = new double[d * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return flat;
  }

  private static double requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("gaussian: " + name + " = " + value + " is not finite");
    }
    return value;
  }

  /** Checks a d x d finite, symmetric matrix and returns a copy made exactly symmetric. */
  private static double[][] requireSymmetric(String name, double[][] m, int d) {
    if (d < 1) {
      throw new IllegalArgumentException("gaussian: the dimension must be >= 1, got " + d);
    }
    if (m.length != d) {
      throw new IllegalArgumentException(
          "gaussian: " + name + " has " + m.length + " rows, expected " + d);
    }
    double largest = 0.0;
    for (int i = 0; i < d; i++) {
      if (m[i].length != d) {
        throw new IllegalArgumentException(
            "gaussian: " + name + " row " + i + " has " + m[i].length + " entries, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        requireFinite(name + "[" + i + "][" + j + "]", m[i][j]);
        largest = Math.max(largest, Math.abs(m[i][j]));
      }
    }
    double[][] symmetric = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        if (Math.abs(m[i][j] - m[j][i]) > SYMMETRY_TOLERANCE * largest) {
          throw new IllegalArgumentException(
              "gaussian: "
                  + name
                  + " is not symmetric: ["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + m[i][j]
                  + " but ["
                  + j
                  + "]["
                  + i
                  + "] = "
                  + m[j][i]);
        }
        symmetric[i][j] = m[i][j];
        symmetric[j][i] = m[i][j];
      }
    }
    return symmetric;
  }

  /** The host-side closed forms at one parameter value. */
  private record ClosedForm(
      double logPartition,
      double[] expectedStatistics,
      double[] mean,
      double[][] covariance,
      double[] inverseCholesky) {}
}
