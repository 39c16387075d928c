package org.ebmbench.gpu;

import org.ebmbench.conformance.ChainKernelContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatChainKernelContractTest extends ChainKernelContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
