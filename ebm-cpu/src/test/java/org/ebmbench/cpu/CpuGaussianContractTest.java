package org.ebmbench.cpu;

import org.ebmbench.conformance.GaussianContract;
import org.ebmbench.engine.Engine;

class CpuGaussianContractTest extends GaussianContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
