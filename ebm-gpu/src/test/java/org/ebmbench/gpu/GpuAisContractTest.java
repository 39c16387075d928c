package org.ebmbench.gpu;

import org.ebmbench.conformance.AisContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuAisContractTest extends AisContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
