package org.ebmbench.cpu;

import org.ebmbench.conformance.ChainKernelContract;
import org.ebmbench.engine.Engine;

class CpuChainKernelContractTest extends ChainKernelContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
