package org.ebmbench.gpu;

import org.ebmbench.conformance.OptimizerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuOptimizerContractTest extends OptimizerContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
