package org.ebmbench.gpu;

import org.ebmbench.conformance.DoubleWellContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatDoubleWellContractTest extends DoubleWellContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
