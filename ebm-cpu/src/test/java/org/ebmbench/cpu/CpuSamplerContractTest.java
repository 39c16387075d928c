package org.ebmbench.cpu;

import org.ebmbench.conformance.SamplerContract;
import org.ebmbench.engine.Engine;

class CpuSamplerContractTest extends SamplerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
