package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/**
 * A continuous model that gives the Theta-gradient of Hyvarinen's score-matching objective
 * J(Theta) = mean over the data of [ |grad_x f(x)|^2 / 2 + Laplacian_x f(x) ]. That gradient
 * needs mixed second derivatives of f, which only the model knows how to form.
 */
public interface ScoreMatchable extends DifferentiableInX {
  /**
   * Evaluates J at the rows of {@code x} and writes dJ/dTheta into {@code gradientOut} (P x 1).
   *
   * @return J(Theta)
   */
  double scoreMatchingObjective(Mat x, Mat gradientOut);
}
