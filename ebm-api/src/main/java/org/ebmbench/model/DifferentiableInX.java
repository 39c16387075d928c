package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/** A continuous model whose f is twice differentiable in x. */
public interface DifferentiableInX extends EnergyModel {
  /** The gradient of f in x (the score of P) for each row, into {@code out} (n x dimension). */
  void gradientX(Mat x, Mat out);

  /** The Laplacian (trace of the Hessian in x) of f for each row, into {@code out} (n x 1). */
  void laplacianX(Mat x, Mat out);
}
