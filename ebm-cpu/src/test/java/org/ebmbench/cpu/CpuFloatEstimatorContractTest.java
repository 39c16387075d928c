package org.ebmbench.cpu;

import org.ebmbench.conformance.EstimatorContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The estimator contract in float, with float tolerances. */
class CpuFloatEstimatorContractTest extends EstimatorContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
