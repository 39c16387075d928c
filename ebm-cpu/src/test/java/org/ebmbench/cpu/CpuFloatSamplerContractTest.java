package org.ebmbench.cpu;

import org.ebmbench.conformance.SamplerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The sampler contract in float, with float tolerances. */
class CpuFloatSamplerContractTest extends SamplerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
