package org.ebmbench.cpu;

import org.ebmbench.conformance.OpsContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The ops contract in float, with float tolerances. */
class CpuFloatOpsContractTest extends OpsContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
