package org.ebmbench.engine;

import java.util.Arrays;

/**
 * An element-wise sum of products of matrices, for {@link Ops#productSum}:
 *
 * <pre>
 *   out = c_0 F_00 F_01 ... + c_1 F_10 F_11 ... + ...
 * </pre>
 *
 * <p>Each factor F_tk has out's shape, or is a 1 x cols row (the same for every row of out), or a
 * rows x 1 column (the same for every column of out); a matrix with out's shape is always taken
 * element by element. A term without factors is the constant c_t. One pass computes what a chain
 * of multiply, axpby, affine, scaleRows and addRowVector calls would, reading each operand once
 * and writing out once, instead of streaming every intermediate through memory.
 *
 * <p>Immutable: {@link #plus} returns a new sum.
 */
public final class ProductSum {
  /** How a factor is read against out's shape. */
  public enum Broadcast {
    /** Out's shape: element (r, c) is the factor's (r, c). */
    FULL,
    /** 1 x cols: element (r, c) is the factor's (0, c). */
    ROW,
    /** rows x 1: element (r, c) is the factor's (r, 0). */
    COLUMN
  }

  private final double[] coefficients;
  private final Mat[][] factors;

  private ProductSum(double[] coefficients, Mat[][] factors) {
    this.coefficients = coefficients;
    this.factors = factors;
  }

  /** The sum of one term, {@code coefficient} times the product of {@code factors}. */
  public static ProductSum of(double coefficient, Mat... factors) {
    return new ProductSum(new double[] {coefficient}, new Mat[][] {requireFactors(factors)});
  }

  /** This sum with the term {@code coefficient} times the product of {@code factors} added last. */
  public ProductSum plus(double coefficient, Mat... factors) {
    int n = coefficients.length;
    double[] c = Arrays.copyOf(coefficients, n + 1);
    Mat[][] f = Arrays.copyOf(this.factors, n + 1);
    c[n] = coefficient;
    f[n] = requireFactors(factors);
    return new ProductSum(c, f);
  }

  private static Mat[] requireFactors(Mat[] factors) {
    for (int k = 0; k < factors.length; k++) {
      if (factors[k] == null) {
        throw new IllegalArgumentException("productSum: factor " + k + " of a term is null");
      }
    }
    return factors.clone();
  }

  /** The number of terms (at least 1). */
  public int terms() {
    return coefficients.length;
  }

  /** Term t's coefficient c_t. */
  public double coefficient(int t) {
    return coefficients[t];
  }

  /** The number of factors of term t (0 for a constant). */
  public int factorCount(int t) {
    return factors[t].length;
  }

  /** Factor k of term t. */
  public Mat factor(int t, int k) {
    return factors[t][k];
  }

  /** The total number of factors over all terms: a measure of the work per element. */
  public int totalFactors() {
    int total = 0;
    for (Mat[] term : factors) {
      total += term.length;
    }
    return total;
  }

  /**
   * How {@code factor} is read for an output shaped as {@code out}: the rule of every engine.
   *
   * @throws IllegalArgumentException naming both shapes if the factor is neither out's shape, a 1
   *     x cols row nor a rows x 1 column
   */
  public static Broadcast broadcast(Mat factor, Mat out) {
    if (factor.rows() == out.rows() && factor.cols() == out.cols()) {
      return Broadcast.FULL;
    }
    if (factor.rows() == 1 && factor.cols() == out.cols()) {
      return Broadcast.ROW;
    }
    if (factor.cols() == 1 && factor.rows() == out.rows()) {
      return Broadcast.COLUMN;
    }
    throw new IllegalArgumentException(
        "productSum: factor " + factor.rows() + " x " + factor.cols() + " does not fit out "
            + out.rows() + " x " + out.cols() + " (needs that shape, 1 x " + out.cols() + " or "
            + out.rows() + " x 1)");
  }

  /**
   * Checks every factor against {@code out} ({@link #broadcast}) and returns their broadcasts,
   * indexed as the factors.
   */
  public Broadcast[][] broadcasts(Mat out) {
    Broadcast[][] kinds = new Broadcast[factors.length][];
    for (int t = 0; t < factors.length; t++) {
      kinds[t] = new Broadcast[factors[t].length];
      for (int k = 0; k < factors[t].length; k++) {
        kinds[t][k] = broadcast(factors[t][k], out);
      }
    }
    return kinds;
  }
}
