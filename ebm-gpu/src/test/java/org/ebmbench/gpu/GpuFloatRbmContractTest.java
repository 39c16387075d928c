package org.ebmbench.gpu;

import org.ebmbench.conformance.RbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatRbmContractTest extends RbmContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
