package org.ebmbench.cpu;

import org.ebmbench.conformance.MlpEnergyContract;
import org.ebmbench.engine.Engine;

class CpuMlpEnergyContractTest extends MlpEnergyContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
