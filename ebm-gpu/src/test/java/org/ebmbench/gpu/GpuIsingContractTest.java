package org.ebmbench.gpu;

import org.ebmbench.conformance.IsingContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuIsingContractTest extends IsingContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
