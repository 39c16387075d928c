package org.ebmbench.gpu;

import org.ebmbench.conformance.RbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuRbmContractTest extends RbmContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
