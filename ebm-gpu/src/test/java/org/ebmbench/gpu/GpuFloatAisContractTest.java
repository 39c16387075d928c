package org.ebmbench.gpu;

import org.ebmbench.conformance.AisContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatAisContractTest extends AisContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
