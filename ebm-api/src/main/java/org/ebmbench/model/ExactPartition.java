package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/** A model whose log partition function and expectations are computed exactly. */
public interface ExactPartition extends EnergyModel {
  /** log Z = log of the sum (or integral) of exp(f(x)) over the domain. */
  double logPartition();

  /**
   * The model expectation of the gradient of f in Theta, E_P[d f / d Theta], into {@code out}
   * (P x 1). For exponential families this is the vector of expected sufficient statistics, and
   * also the gradient of log Z.
   */
  void expectedParameterGradient(Mat out);
}
