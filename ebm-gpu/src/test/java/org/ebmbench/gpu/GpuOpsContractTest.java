package org.ebmbench.gpu;

import org.ebmbench.conformance.OpsContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuOpsContractTest extends OpsContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
