package org.ebmbench.gpu;

import org.ebmbench.conformance.MlpEnergyContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatMlpEnergyContractTest extends MlpEnergyContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
