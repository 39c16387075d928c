package org.ebmbench.cpu;

import org.ebmbench.conformance.TrainerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The trainer contract in float, with float tolerances. */
class CpuFloatTrainerContractTest extends TrainerContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
