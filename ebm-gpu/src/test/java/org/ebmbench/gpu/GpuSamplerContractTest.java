package org.ebmbench.gpu;

import org.ebmbench.conformance.SamplerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuSamplerContractTest extends SamplerContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
