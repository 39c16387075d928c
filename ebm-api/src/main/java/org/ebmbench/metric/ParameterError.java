package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.EnergyModel;

/** The relative parameter error |Theta - Theta*| / |Theta*| in the Euclidean norm. */
public final class ParameterError implements Metric {
  private final Mat reference;

  private ParameterError(Mat reference) {
    this.reference = reference;
  }

  /** The error relative to a copy of the true model's current parameters. */
  public static ParameterError toTruth(EnergyModel truth) {
    Ops ops = truth.ops();
    Mat reference = ops.zeros(truth.parameterCount(), 1);
    ops.copy(truth.parameters(), reference);
    return new ParameterError(reference);
  }

  @Override
  public String name() {
    return "parameterError";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(relative(model.ops(), model.parameters(), reference));
  }

  /**
   * |theta - reference| / |reference|.
   *
   * @throws IllegalArgumentException if the shapes differ or the reference is zero
   */
  public static double relative(Ops ops, Mat theta, Mat reference) {
    if (theta.rows() != reference.rows() || theta.cols() != reference.cols()) {
      throw new IllegalArgumentException(
          "parameter error: parameters "
              + theta.rows()
              + " x "
              + theta.cols()
              + " and reference "
              + reference.rows()
              + " x "
              + reference.cols()
              + " differ");
    }
    Mat squares = ops.zeros(theta.rows(), theta.cols());
    ops.map(UnaryFunction.SQUARE, reference, squares);
    double referenceNorm = Math.sqrt(ops.sum(squares));
    if (referenceNorm == 0.0) {
      throw new IllegalArgumentException(
          "parameter error is undefined: the reference parameters are all zero");
    }
    ops.axpby(1.0, theta, -1.0, reference, squares);
    ops.map(UnaryFunction.SQUARE, squares, squares);
    return Math.sqrt(ops.sum(squares)) / referenceNorm;
  }
}
