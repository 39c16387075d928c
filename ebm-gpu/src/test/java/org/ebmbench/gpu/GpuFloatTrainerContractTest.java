package org.ebmbench.gpu;

import org.ebmbench.conformance.TrainerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatTrainerContractTest extends TrainerContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
