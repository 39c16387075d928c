package org.ebmbench.cpu;

import org.ebmbench.conformance.GaussianBernoulliRbmContract;
import org.ebmbench.engine.Engine;

class CpuGaussianBernoulliRbmContractTest extends GaussianBernoulliRbmContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
