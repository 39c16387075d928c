package org.ebmbench.gpu;

import org.ebmbench.conformance.GaussianContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuGaussianContractTest extends GaussianContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
