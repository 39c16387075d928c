package org.ebmbench.cpu;

import org.ebmbench.conformance.GridQuadratureContract;
import org.ebmbench.engine.Engine;

class CpuGridQuadratureContractTest extends GridQuadratureContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
