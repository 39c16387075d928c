package org.ebmbench.gpu;

import org.ebmbench.conformance.DoubleWellContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuDoubleWellContractTest extends DoubleWellContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
