package org.ebmbench.cpu;

import org.ebmbench.conformance.OpsContract;
import org.ebmbench.engine.Engine;

class CpuOpsContractTest extends OpsContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
