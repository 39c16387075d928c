package org.ebmbench.gpu;

import org.ebmbench.conformance.GaussianBernoulliRbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatGaussianBernoulliRbmContractTest extends GaussianBernoulliRbmContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
