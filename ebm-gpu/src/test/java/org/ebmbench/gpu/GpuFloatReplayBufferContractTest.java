package org.ebmbench.gpu;

import org.ebmbench.conformance.ReplayBufferContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatReplayBufferContractTest extends ReplayBufferContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
