package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * A way to learn Theta from data: each call gives the gradient of the estimator's loss (to be
 * minimized) at the model's current parameters, from one batch. Estimators may keep state
 * between calls (persistent chains), so use one instance per training run.
 */
public interface Estimator {
  /** A short, stable name, for example "cd-10" or "score-matching". */
  String describe();

  /** The loss gradient for {@code batch} (n x dimension) into {@code gradientOut} (P x 1). */
  void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut);
}
