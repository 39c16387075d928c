package org.ebmbench.cpu;

import org.ebmbench.conformance.AisContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The ais contract in float, with float tolerances. */
class CpuFloatAisContractTest extends AisContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
