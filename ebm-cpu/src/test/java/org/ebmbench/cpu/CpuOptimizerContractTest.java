package org.ebmbench.cpu;

import org.ebmbench.conformance.OptimizerContract;
import org.ebmbench.engine.Engine;

class CpuOptimizerContractTest extends OptimizerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
