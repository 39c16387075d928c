package org.ebmbench.cpu;

import org.ebmbench.conformance.OptimizerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The optimizer contract in float, with float tolerances. */
class CpuFloatOptimizerContractTest extends OptimizerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
