package org.ebmbench.gpu;

import org.ebmbench.conformance.GaussianBernoulliRbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuGaussianBernoulliRbmContractTest extends GaussianBernoulliRbmContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
