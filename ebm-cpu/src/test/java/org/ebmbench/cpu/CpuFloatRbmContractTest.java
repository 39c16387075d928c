package org.ebmbench.cpu;

import org.ebmbench.conformance.RbmContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The rbm contract in float, with float tolerances. */
class CpuFloatRbmContractTest extends RbmContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
