package org.ebmbench.gpu;

import org.ebmbench.conformance.TrainerContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

@SkipContractTests(
    value = "overflowingParametersStopTheRun",
    reason = "its gradient of 1e300 is beyond float's range (3.4e38), so the loss gradient"
        + " overflows before the parameters can")
class GpuFloatTrainerContractTest extends TrainerContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
