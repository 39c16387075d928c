package org.ebmbench.gpu;

import org.ebmbench.conformance.IsingContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatIsingContractTest extends IsingContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
