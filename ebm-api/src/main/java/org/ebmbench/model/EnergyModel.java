package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * An unnormalized density P(x) = exp(f(x)) / Z over rows x of a batch, with parameters Theta.
 *
 * <p>The parameters live in one engine column vector ({@link #parameters()}), updated in place by
 * optimizers. Optional abilities are separate interfaces: {@link ExactPartition}, {@link
 * ExactSampling}, {@link DifferentiableInX}, {@link ScoreMatchable}, {@link GibbsUpdatable}.
 */
public interface EnergyModel {
  /** A short, stable description, for example "ising(n=12)". */
  String describe();

  /** The engine operations this model computes with. */
  Ops ops();

  Domain domain();

  /** The number of variables: the columns of x. */
  int dimension();

  /** The number of parameters: the rows of {@link #parameters()}. */
  int parameterCount();

  /** The live parameter vector (parameterCount x 1); writes to it change the model. */
  Mat parameters();

  /** f(x) for each row of {@code x} (n x dimension) into {@code out} (n x 1). */
  void logDensityUnnormalized(Mat x, Mat out);

  /** The mean over the rows of {@code x} of the gradient of f in Theta, into {@code out} (P x 1). */
  void meanParameterGradient(Mat x, Mat out);

  /**
   * Adds {@code scale} times the mean over the rows of {@code x} of the gradient of f in Theta to
   * {@code out} (P x 1): how an estimator forms a difference of two such means without a
   * temporary. The default computes the mean into a new matrix and adds it; a model may override
   * it to accumulate in place.
   */
  default void addMeanParameterGradient(Mat x, double scale, Mat out) {
    Ops ops = ops();
    Mat mean = ops.zeros(out.rows(), out.cols());
    meanParameterGradient(x, mean);
    ops.axpby(1.0, out, scale, mean, out);
  }

  /** A model of the same family and shape with a copy of the parameters, on the same engine. */
  EnergyModel copy();
}
