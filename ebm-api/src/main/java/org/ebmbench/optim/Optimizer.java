package org.ebmbench.optim;

import org.ebmbench.engine.Mat;

/** A first-order optimizer that minimizes a loss given its gradient; keeps its own state. */
public interface Optimizer {
  /** A short, stable name, for example "adam(lr=0.01)". */
  String describe();

  /** Moves {@code parameters} (P x 1) one step against {@code gradient} (P x 1), in place. */
  void step(Mat parameters, Mat gradient);
}
