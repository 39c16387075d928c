package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ScoreMatchable;
import org.ebmbench.random.RandomStream;

/**
 * Hyvarinen's score matching in its exact (implicit) form: minimizes J(Theta) = mean over the batch
 * of [ |grad_x f(x)|^2 / 2 + Laplacian_x f(x) ], which needs no partition function and no sampling.
 * Needs {@link ScoreMatchable}; uses no randomness.
 */
public final class ScoreMatching implements Estimator {
  @Override
  public String describe() {
    return "score-matching";
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    Capabilities.require(model, ScoreMatchable.class, "score matching")
        .scoreMatchingObjective(batch, gradientOut);
  }
}
