package org.ebmbench.cpu;

import org.ebmbench.conformance.TrainerContract;
import org.ebmbench.engine.Engine;

class CpuTrainerContractTest extends TrainerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
