package org.ebmbench.cpu;

import org.ebmbench.conformance.GaussianContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The gaussian contract in float, with float tolerances. */
class CpuFloatGaussianContractTest extends GaussianContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
