package org.ebmbench.cpu;

import org.ebmbench.conformance.GaussianBernoulliRbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The Gaussian-Bernoulli RBM contract in float, with float tolerances. */
class CpuFloatGaussianBernoulliRbmContractTest extends GaussianBernoulliRbmContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
