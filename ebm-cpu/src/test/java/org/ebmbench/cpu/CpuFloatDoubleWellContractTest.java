package org.ebmbench.cpu;

import org.ebmbench.conformance.DoubleWellContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The doublewell contract in float, with float tolerances. */
class CpuFloatDoubleWellContractTest extends DoubleWellContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
