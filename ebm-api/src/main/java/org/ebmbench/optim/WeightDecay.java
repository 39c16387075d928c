package org.ebmbench.optim;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * L2 weight decay around any optimizer: the loss gains lambda |Theta|^2 / 2, so each step hands
 * the inner optimizer g + lambda Theta instead of g. It applies to every parameter, biases
 * included (the optimizer does not know which entries are weights). With Adam this is the coupled
 * L2 penalty, not AdamW's decoupled decay.
 */
public final class WeightDecay implements Optimizer {
  private final Ops ops;
  private final Optimizer inner;
  private final double lambda;
  private Mat decayed;

  /**
   * @param ops the engine the parameters live on
   * @param inner the optimizer that takes the decayed gradient
   * @param lambda the L2 coefficient, > 0
   */
  public WeightDecay(Ops ops, Optimizer inner, double lambda) {
    this.ops = ops;
    this.inner = inner;
    this.lambda = OptimizerState.requirePositive("weight decay", "lambda", lambda);
  }

  @Override
  public String describe() {
    return inner.describe() + "+weightDecay(" + lambda + ")";
  }

  @Override
  public void step(Mat parameters, Mat gradient) {
    OptimizerState.requireColumn(describe(), parameters, gradient);
    if (decayed == null || decayed.rows() != parameters.rows()) {
      decayed = ops.zeros(parameters.rows(), 1);
    }
    ops.axpby(1.0, gradient, lambda, parameters, decayed);
    inner.step(parameters, decayed);
  }
}
