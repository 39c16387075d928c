package org.ebmbench.cpu;

import org.ebmbench.conformance.DoubleWellContract;
import org.ebmbench.engine.Engine;

class CpuDoubleWellContractTest extends DoubleWellContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
