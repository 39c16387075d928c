package org.ebmbench.train;

import java.util.List;

/**
 * What a training run produced besides the trained parameters (which live in the model).
 *
 * @param curve the evaluations, at step 0, every evaluateEvery steps and at the end
 * @param steps optimizer steps taken
 * @param trainingSeconds total training time, evaluation time excluded
 */
public record TrainingResult(List<CurvePoint> curve, int steps, double trainingSeconds) {
  public TrainingResult {
    curve = List.copyOf(curve);
  }

  /** The mean wall time of one training step (batch, gradient and update), in seconds. */
  public double meanSecondsPerStep() {
    return trainingSeconds / steps;
  }

  /** The last evaluation. */
  public CurvePoint last() {
    return curve.get(curve.size() - 1);
  }
}
