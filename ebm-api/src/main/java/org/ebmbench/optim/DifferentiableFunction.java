package org.ebmbench.optim;

/** A smooth function R^n -> R with its gradient, for batch optimizers such as {@link Lbfgs}. */
public interface DifferentiableFunction {
  /** The dimension n. */
  int dimension();

  /** Writes the gradient at {@code x} into {@code gradient} (length n) and returns f(x). */
  double valueAndGradient(double[] x, double[] gradient);
}
