package org.ebmbench.cpu;

import org.ebmbench.conformance.IsingContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The ising contract in float, with float tolerances. */
class CpuFloatIsingContractTest extends IsingContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
