package org.ebmbench.optim;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * Stochastic gradient descent with heavy-ball momentum: v = momentum * v + g, then theta = theta -
 * lr * v (v starts at 0, so momentum 0 is plain gradient descent). With a {@link
 * LearningRateSchedule}, lr at step t is lr * factor(t).
 */
public final class Sgd implements Optimizer {
  private final Ops ops;
  private final double learningRate;
  private final double momentum;
  private final LearningRateSchedule schedule;
  private Mat velocity;
  private long stepCount;

  /**
   * @param ops the engine the parameters live on (the velocity is kept there too)
   * @param learningRate the step size, > 0
   * @param momentum in [0, 1); 0 is plain gradient descent
   */
  public Sgd(Ops ops, double learningRate, double momentum) {
    this(ops, learningRate, momentum, LearningRateSchedule.constant());
  }

  /**
   * @param ops the engine the parameters live on (the velocity is kept there too)
   * @param learningRate the base step size, > 0
   * @param momentum in [0, 1); 0 is plain gradient descent
   * @param schedule how the step size changes with the step count
   */
  public Sgd(Ops ops, double learningRate, double momentum, LearningRateSchedule schedule) {
    this.ops = ops;
    this.schedule = schedule;
    this.learningRate = OptimizerState.requirePositive("sgd", "learning rate", learningRate);
    this.momentum = OptimizerState.requireFraction("sgd", "momentum", momentum);
  }

  @Override
  public String describe() {
    return "sgd(lr=" + learningRate + ",momentum=" + momentum
        + (schedule == LearningRateSchedule.constant() ? "" : ",schedule=" + schedule.describe())
        + ")";
  }

  @Override
  public void step(Mat parameters, Mat gradient) {
    if (velocity == null) {
      velocity = OptimizerState.zerosLike(ops, describe(), parameters, gradient);
    }
    OptimizerState.requireColumn(describe(), parameters, gradient);
    OptimizerState.requireSameSize(describe(), velocity, parameters);
    ops.momentumStep(
        momentum, gradient, learningRate * schedule.factor(stepCount++), velocity, parameters);
  }
}
