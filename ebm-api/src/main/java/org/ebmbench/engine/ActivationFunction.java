package org.ebmbench.engine;

/**
 * The smooth activations phi that {@link Ops#activate} evaluates with their first three
 * derivatives. Every derivative is a polynomial in the sigmoid s = sigmoid(a) (softplus, SiLU) or
 * in t = tanh(a), so {@link #composed} can build them from {@link UnaryFunction} maps and
 * element-wise steps on any engine; an engine may instead fuse them into one pass.
 */
public enum ActivationFunction {
  /** phi(a) = log(1 + e^a); phi' = s, phi'' = s(1 - s), phi''' = s(1 - s)(1 - 2s). */
  SOFTPLUS,
  /**
   * phi(a) = a s (SiLU, "swish"); with q = s(1 - s) and r = 1 - 2s: phi' = s + a q, phi'' = q (2 +
   * a r), phi''' = q [r (3 + a r) - 2 a q].
   */
  SILU,
  /** phi(a) = tanh a; with u = 1 - t^2: phi' = u, phi'' = -2 t u, phi''' = 4u - 6u^2. */
  TANH;

  /**
   * Checks the arguments of {@link Ops#activate}, the same rule for every engine: order 0 to 3, and
   * each output up to that order ({@code value}, {@code d1}, ...) shaped as x and not x itself.
   *
   * @throws IllegalArgumentException naming the order, both shapes, or the output that is missing
   *     or is x
   */
  public static void checkActivateArguments(
      int order, Mat x, Mat value, Mat d1, Mat d2, Mat d3) {
    if (order < 0 || order > 3) {
      throw new IllegalArgumentException("activate: order must be 0 to 3, got " + order);
    }
    Mat[] outputs = {value, d1, d2, d3};
    for (int k = 0; k <= order; k++) {
      Mat out = outputs[k];
      if (out == null) {
        throw new IllegalArgumentException(
            "activate: output " + k + " is null, but order " + order + " asks for it");
      }
      if (out.rows() != x.rows() || out.cols() != x.cols()) {
        throw new IllegalArgumentException("activate: shapes " + x.rows() + " x " + x.cols()
            + " and " + out.rows() + " x " + out.cols() + " differ (output " + k + ")");
      }
      if (out == x) {
        throw new IllegalArgumentException("activate: output " + k + " must not be the input");
      }
    }
  }

  /**
   * {@link Ops#activate} composed from other ops (map, multiply, axpby, affine): for engines
   * without a fused kernel. Arguments as there, plus three scratch matrices of x's shape,
   * overwritten; x must not be one of the outputs or the scratch.
   */
  public void composed(
      Ops ops, int order, Mat x, Mat value, Mat d1, Mat d2, Mat d3, Mat[] scratch) {
    switch (this) {
      case SOFTPLUS:
        ops.map(UnaryFunction.SOFTPLUS, x, value);
        if (order == 0) {
          break;
        }
        ops.map(UnaryFunction.SIGMOID, x, d1);
        if (order >= 2) {
          ops.multiply(d1, d1, d2);
          ops.axpby(1.0, d1, -1.0, d2, d2); // s - s^2
        }
        if (order >= 3) {
          ops.affine(d1, -2.0, 1.0, scratch[0]); // 1 - 2s
          ops.multiply(d2, scratch[0], d3);
        }
        break;
      case TANH:
        ops.map(UnaryFunction.TANH, x, value);
        if (order == 0) {
          break;
        }
        ops.multiply(value, value, d1);
        ops.affine(d1, -1.0, 1.0, d1); // u = 1 - t^2
        if (order >= 2) {
          ops.multiply(value, d1, d2);
          ops.affine(d2, -2.0, 0.0, d2);
        }
        if (order >= 3) {
          ops.multiply(d1, d1, scratch[0]);
          ops.axpby(4.0, d1, -6.0, scratch[0], d3);
        }
        break;
      case SILU:
        Mat s = scratch[0];
        Mat q = scratch[1];
        Mat ar = scratch[2];
        ops.map(UnaryFunction.SIGMOID, x, s);
        ops.multiply(x, s, value);
        if (order == 0) {
          break;
        }
        ops.multiply(s, s, q);
        ops.axpby(1.0, s, -1.0, q, q); // q = s(1 - s)
        ops.multiply(x, q, d1);
        ops.axpby(1.0, d1, 1.0, s, d1); // s + a q
        if (order >= 2) {
          Mat r = s; // s is no longer needed: r = 1 - 2s
          ops.affine(s, -2.0, 1.0, r);
          ops.multiply(x, r, ar);
          ops.affine(ar, 1.0, 2.0, d2);
          ops.multiply(d2, q, d2); // q (2 + a r)
          if (order >= 3) {
            ops.affine(ar, 1.0, 3.0, d3);
            ops.multiply(d3, r, d3); // r (3 + a r)
            ops.multiply(x, q, ar);
            ops.axpby(1.0, d3, -2.0, ar, d3); // - 2 a q
            ops.multiply(d3, q, d3);
          }
        }
        break;
      default:
        throw new IllegalStateException("unknown activation " + this);
    }
  }
}
