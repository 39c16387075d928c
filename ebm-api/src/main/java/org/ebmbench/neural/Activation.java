package org.ebmbench.neural;

import java.util.Locale;
import org.ebmbench.engine.ActivationFunction;

/**
 * A smooth element-wise activation phi of an {@link MlpEnergy}, evaluated with its first three
 * derivatives by {@link org.ebmbench.engine.Ops#activate} (one fused pass on the CPU engine;
 * formulas in {@link ActivationFunction}).
 */
public enum Activation {
  /** phi(a) = log(1 + e^a). */
  SOFTPLUS,
  /** phi(a) = a sigmoid(a) (SiLU, "swish"). */
  SILU,
  /** phi(a) = tanh a. */
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

  /** The engine-level function this activation evaluates with. */
  ActivationFunction function() {
    return ActivationFunction.valueOf(name());
  }
}
