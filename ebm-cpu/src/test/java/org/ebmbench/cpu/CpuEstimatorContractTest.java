package org.ebmbench.cpu;

import org.ebmbench.conformance.EstimatorContract;
import org.ebmbench.engine.Engine;

class CpuEstimatorContractTest extends EstimatorContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
