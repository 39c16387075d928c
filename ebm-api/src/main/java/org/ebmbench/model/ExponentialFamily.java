package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * A model with f(x) = Theta . T(x): linear in its parameters, with sufficient statistics T. Then
 * d f / d Theta = T(x), so energies, likelihood gradients and exact expectations are all matrix
 * products of the statistics, which is what engines do best.
 */
public abstract class ExponentialFamily implements WeightedParameterGradient {
  protected final Ops ops;
  private final Mat theta;

  protected ExponentialFamily(Ops ops, double[] theta) {
    this.ops = ops;
    this.theta = ops.fromHost(theta.length, 1, theta);
  }

  /** T(x) for each row of {@code x}, into {@code out} (n x parameterCount). */
  public abstract void sufficientStatistics(Mat x, Mat out);

  @Override
  public final Ops ops() {
    return ops;
  }

  @Override
  public final int parameterCount() {
    return theta.rows();
  }

  @Override
  public final Mat parameters() {
    return theta;
  }

  /** The parameters as a new host array. */
  public final double[] parameterValues() {
    return ops.toHost(theta);
  }

  @Override
  public void logDensityUnnormalized(Mat x, Mat out) {
    Mat t = statistics(x);
    ops.gemm(1.0, t, false, theta, false, 0.0, out);
  }

  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    Mat t = statistics(x);
    Mat weights = ops.zeros(x.rows(), 1);
    ops.fill(1.0 / x.rows(), weights);
    ops.gemm(1.0, t, true, weights, false, 0.0, out);
  }

  /** sum_i weights_i T(x_i): the Theta-gradient of f is T. */
  @Override
  public void weightedParameterGradient(Mat x, Mat weights, Mat out) {
    ops.gemm(1.0, statistics(x), true, weights, false, 0.0, out);
  }

  /** T(x) in a new matrix. */
  protected final Mat statistics(Mat x) {
    Mat t = ops.zeros(x.rows(), parameterCount());
    sufficientStatistics(x, t);
    return t;
  }
}
