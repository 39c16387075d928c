package org.ebmbench.cpu;

import org.ebmbench.conformance.AisContract;
import org.ebmbench.engine.Engine;

class CpuAisContractTest extends AisContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
