package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;

/**
 * An exponential family on R^d whose statistics are twice differentiable. With D_k = dT/dx_k
 * and L = sum_k d^2 T / dx_k^2, the score is grad_k f = D_k Theta, the Laplacian is L Theta, and
 * the score-matching objective J(Theta) = mean[ sum_k (D_k Theta)^2 / 2 + L Theta ] is quadratic
 * in Theta with gradient mean[ sum_k D_k^T D_k Theta + L ].
 */
public abstract class ContinuousExponentialFamily extends ExponentialFamily
    implements ScoreMatchable {

  protected ContinuousExponentialFamily(Ops ops, double[] theta) {
    super(ops, theta);
  }

  /** dT/dx_k for each row of {@code x}, into {@code out} (n x parameterCount). */
  public abstract void statisticDerivative(Mat x, int k, Mat out);

  /** The Laplacian in x of T for each row of {@code x}, into {@code out} (n x parameterCount). */
  public abstract void statisticLaplacian(Mat x, Mat out);

  @Override
  public final Domain domain() {
    return Domain.CONTINUOUS;
  }

  @Override
  public void gradientX(Mat x, Mat out) {
    Mat derivative = ops.zeros(x.rows(), parameterCount());
    Mat column = ops.zeros(x.rows(), 1);
    for (int k = 0; k < dimension(); k++) {
      statisticDerivative(x, k, derivative);
      ops.gemm(1.0, derivative, false, parameters(), false, 0.0, column);
      ops.setColumns(column, k, out);
    }
  }

  @Override
  public void laplacianX(Mat x, Mat out) {
    Mat laplacian = ops.zeros(x.rows(), parameterCount());
    statisticLaplacian(x, laplacian);
    ops.gemm(1.0, laplacian, false, parameters(), false, 0.0, out);
  }

  @Override
  public double scoreMatchingObjective(Mat x, Mat gradientOut) {
    int n = x.rows();
    Mat derivative = ops.zeros(n, parameterCount());
    Mat score = ops.zeros(n, 1);
    Mat squared = ops.zeros(n, 1);
    Mat weights = ops.zeros(n, 1);
    ops.fill(1.0 / n, weights);

    // gradient = mean of L, then + mean of D_k^T (D_k Theta) for each k.
    Mat laplacian = ops.zeros(n, parameterCount());
    statisticLaplacian(x, laplacian);
    ops.gemm(1.0, laplacian, true, weights, false, 0.0, gradientOut);
    ops.gemm(1.0, laplacian, false, parameters(), false, 0.0, score);
    double objective = ops.sum(score) / n;

    for (int k = 0; k < dimension(); k++) {
      statisticDerivative(x, k, derivative);
      ops.gemm(1.0, derivative, false, parameters(), false, 0.0, score);
      ops.map(UnaryFunction.SQUARE, score, squared);
      objective += 0.5 * ops.sum(squared) / n;
      ops.gemm(1.0 / n, derivative, true, score, false, 1.0, gradientOut);
    }
    return objective;
  }
}
