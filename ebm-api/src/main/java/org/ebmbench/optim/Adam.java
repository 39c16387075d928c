package org.ebmbench.optim;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * Adam (Kingma and Ba, 2015) with bias correction. At step t, with gradient g:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   theta = theta - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 *
 * <p>With a {@link LearningRateSchedule}, lr at step t (counted from 0) is lr * factor(t).
 *
 * <p>The first step therefore moves each coordinate by lr |g| / (|g| + epsilon), about lr.
 */
public final class Adam implements Optimizer {
  private final Ops ops;
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final LearningRateSchedule schedule;
  private Mat firstMoment;
  private Mat secondMoment;
  private long stepCount;

  /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
  public Adam(Ops ops, double learningRate) {
    this(ops, learningRate, 0.9, 0.999, 1e-8);
  }

  /**
   * @param ops the engine the parameters live on (the moments are kept there too)
   * @param learningRate the step size, > 0
   * @param beta1 decay of the first moment, in [0, 1)
   * @param beta2 decay of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, > 0
   */
  public Adam(Ops ops, double learningRate, double beta1, double beta2, double epsilon) {
    this(ops, learningRate, beta1, beta2, epsilon, LearningRateSchedule.constant());
  }

  /** Adam as above, with a learning rate that follows {@code schedule}. */
  public Adam(
      Ops ops,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      LearningRateSchedule schedule) {
    this.ops = ops;
    this.schedule = schedule;
    this.learningRate = OptimizerState.requirePositive("adam", "learning rate", learningRate);
    this.beta1 = OptimizerState.requireFraction("adam", "beta1", beta1);
    this.beta2 = OptimizerState.requireFraction("adam", "beta2", beta2);
    this.epsilon = OptimizerState.requirePositive("adam", "epsilon", epsilon);
  }

  @Override
  public String describe() {
    return "adam(lr="
        + learningRate
        + ",beta1="
        + beta1
        + ",beta2="
        + beta2
        + ",eps="
        + epsilon
        + (schedule == LearningRateSchedule.constant() ? "" : ",schedule=" + schedule.describe())
        + ")";
  }

  @Override
  public void step(Mat parameters, Mat gradient) {
    if (firstMoment == null) {
      firstMoment = OptimizerState.zerosLike(ops, describe(), parameters, gradient);
      secondMoment = ops.zeros(parameters.rows(), 1);
    }
    OptimizerState.requireColumn(describe(), parameters, gradient);
    OptimizerState.requireSameSize(describe(), firstMoment, parameters);
    stepCount++;
    double firstCorrection = 1.0 - Math.pow(beta1, stepCount);
    double secondCorrection = 1.0 - Math.pow(beta2, stepCount);
    double rate = learningRate * schedule.factor(stepCount - 1);
    ops.adamStep(
        parameters,
        gradient,
        firstMoment,
        secondMoment,
        beta1,
        beta2,
        rate / firstCorrection,
        1.0 / secondCorrection,
        epsilon);
  }
}
