package org.ebmbench.gpu;

import org.ebmbench.conformance.GridQuadratureContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuGridQuadratureContractTest extends GridQuadratureContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
