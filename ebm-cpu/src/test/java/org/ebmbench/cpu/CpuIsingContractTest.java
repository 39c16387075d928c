package org.ebmbench.cpu;

import org.ebmbench.conformance.IsingContract;
import org.ebmbench.engine.Engine;

class CpuIsingContractTest extends IsingContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
