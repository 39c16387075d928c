package org.ebmbench.cpu;

import org.ebmbench.conformance.RbmContract;
import org.ebmbench.engine.Engine;

class CpuRbmContractTest extends RbmContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
