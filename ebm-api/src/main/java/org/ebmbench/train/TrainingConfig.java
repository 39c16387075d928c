package org.ebmbench.train;

/**
 * What a training run does, apart from its model, data, estimator and optimizer.
 *
 * @param steps optimizer steps to take (at least 1)
 * @param batchSize examples per step; the number of data rows means full batch
 * @param evaluateEvery evaluate the metrics every this many steps (and at step 0 and the end)
 * @param seed the seed every random stream of the run is derived from
 */
public record TrainingConfig(int steps, int batchSize, int evaluateEvery, long seed) {
  public TrainingConfig {
    if (steps < 1) {
      throw new IllegalArgumentException("training steps must be >= 1, got " + steps);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (evaluateEvery < 1) {
      throw new IllegalArgumentException("evaluateEvery must be >= 1, got " + evaluateEvery);
    }
  }
}
