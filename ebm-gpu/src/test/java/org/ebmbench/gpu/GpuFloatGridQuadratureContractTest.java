package org.ebmbench.gpu;

import org.ebmbench.conformance.GridQuadratureContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatGridQuadratureContractTest extends GridQuadratureContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
