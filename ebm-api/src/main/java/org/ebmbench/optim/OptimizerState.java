package org.ebmbench.optim;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/** Checks shared by the optimizers: hyper-parameter ranges and parameter/gradient shapes. */
final class OptimizerState {
  private OptimizerState() {}

  static double requirePositive(String optimizer, String name, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          optimizer + " " + name + " must be positive and finite, got " + value);
    }
    return value;
  }

  static double requireFraction(String optimizer, String name, double value) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw new IllegalArgumentException(
          optimizer + " " + name + " must be in [0, 1), got " + value);
    }
    return value;
  }

  /**
   * A new zero state vector shaped like {@code parameters}, after checking that the gradient
   * matches it.
   */
  static Mat zerosLike(Ops ops, String optimizer, Mat parameters, Mat gradient) {
    requireColumn(optimizer, parameters, gradient);
    return ops.zeros(parameters.rows(), 1);
  }

  /** Fails unless parameters and gradient are the same P x 1 shape. */
  static void requireColumn(String optimizer, Mat parameters, Mat gradient) {
    if (parameters.cols() != 1 || gradient.cols() != 1 || parameters.rows() != gradient.rows()) {
      throw new IllegalArgumentException(
          optimizer
              + ": parameters "
              + parameters.rows()
              + " x "
              + parameters.cols()
              + " and gradient "
              + gradient.rows()
              + " x "
              + gradient.cols()
              + " must be the same P x 1 shape");
    }
  }

  /** Fails if the state was made for a different number of parameters. */
  static void requireSameSize(String optimizer, Mat state, Mat parameters) {
    if (state.rows() != parameters.rows()) {
      throw new IllegalArgumentException(
          optimizer
              + " holds state for "
              + state.rows()
              + " parameters but was given "
              + parameters.rows()
              + "; use one optimizer per model");
    }
  }
}
