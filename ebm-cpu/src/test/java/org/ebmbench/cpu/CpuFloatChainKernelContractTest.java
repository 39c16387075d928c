package org.ebmbench.cpu;

import org.ebmbench.conformance.ChainKernelContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The chain kernel contract in float, with float tolerances. */
class CpuFloatChainKernelContractTest extends ChainKernelContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
