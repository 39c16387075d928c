package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ExactPartition;
import org.ebmbench.random.RandomStream;

/**
 * Maximum likelihood with the exact partition function. The loss is the mean negative
 * log-likelihood log Z - mean f(x), whose gradient is E_P[df/dTheta] - mean over the batch of
 * df/dTheta. Needs {@link ExactPartition}; uses no randomness.
 */
public final class ExactMle implements Estimator {
  @Override
  public String describe() {
    return "exact-mle";
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    ExactPartition exact = Capabilities.require(model, ExactPartition.class, "exact MLE");
    Ops ops = model.ops();
    Mat dataMean = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(batch, dataMean);
    exact.expectedParameterGradient(gradientOut);
    ops.axpby(1.0, gradientOut, -1.0, dataMean, gradientOut);
  }
}
