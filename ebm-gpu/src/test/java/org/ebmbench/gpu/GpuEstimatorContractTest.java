package org.ebmbench.gpu;

import org.ebmbench.conformance.EstimatorContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuEstimatorContractTest extends EstimatorContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
