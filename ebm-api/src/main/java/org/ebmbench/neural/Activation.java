package org.ebmbench.neural;

import java.util.Locale;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;

/**
 * A smooth element-wise activation phi of an {@link MlpEnergy}, with its first three derivatives.
 * Each is composed from one transcendental map ({@link UnaryFunction#SIGMOID}, {@link
 * UnaryFunction#SOFTPLUS} or {@link UnaryFunction#TANH}) and polynomial element-wise steps, so an
 * engine needs no activation-specific kernel: every derivative is a polynomial in the sigmoid
 * (softplus, SiLU) or in tanh.
 */
public enum Activation {
  /** phi(a) = log(1 + e^a); phi' = s, phi'' = s(1 - s), phi''' = s(1 - s)(1 - 2s), s = sigmoid(a). */
  SOFTPLUS,
  /**
   * phi(a) = a s (SiLU, "swish"); with q = s(1 - s): phi' = s + a q, phi'' = q (2 + a(1 - 2s)),
   * phi''' = q [(1 - 2s)(3 + a(1 - 2s)) - 2 a q].
   */
  SILU,
  /** phi(a) = tanh a; with u = 1 - tanh^2: phi' = u, phi'' = -2 tanh(a) u, phi''' = 4u - 6u^2. */
  TANH;

  /** The lower-case name used in descriptions and suite files ("silu"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label ("softplus", "silu", "tanh"; any case).
   *
   * @throws IllegalArgumentException naming the label and the choices
   */
  public static Activation parse(String label) {
    for (Activation a : values()) {
      if (a.label().equalsIgnoreCase(label.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "activation must be softplus, silu or tanh, got '" + label + "'");
  }

  /**
   * Evaluates phi and its derivatives up to {@code order} (0 to 3) at every element of {@code a}.
   * Outputs beyond {@code order} are not touched and may be null. {@code scratch} holds three
   * matrices of the shape of {@code a}, overwritten.
   */
  void evaluate(Ops ops, Mat a, int order, Mat value, Mat d1, Mat d2, Mat d3, Mat[] scratch) {
    switch (this) {
      case SOFTPLUS:
        ops.map(UnaryFunction.SOFTPLUS, a, value);
        if (order == 0) {
          break;
        }
        ops.map(UnaryFunction.SIGMOID, a, d1);
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
        ops.map(UnaryFunction.TANH, a, value);
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
        ops.map(UnaryFunction.SIGMOID, a, s);
        ops.multiply(a, s, value);
        if (order == 0) {
          break;
        }
        ops.multiply(s, s, q);
        ops.axpby(1.0, s, -1.0, q, q); // q = s(1 - s)
        ops.multiply(a, q, d1);
        ops.axpby(1.0, d1, 1.0, s, d1); // s + a q
        if (order >= 2) {
          Mat r = s; // s is no longer needed: r = 1 - 2s
          ops.affine(s, -2.0, 1.0, r);
          ops.multiply(a, r, ar);
          ops.affine(ar, 1.0, 2.0, d2);
          ops.multiply(d2, q, d2); // q (2 + a r)
          if (order >= 3) {
            ops.affine(ar, 1.0, 3.0, d3);
            ops.multiply(d3, r, d3); // r (3 + a r)
            ops.multiply(a, q, ar);
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
