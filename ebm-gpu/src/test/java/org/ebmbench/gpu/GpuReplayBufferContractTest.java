package org.ebmbench.gpu;

import org.ebmbench.conformance.ReplayBufferContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuReplayBufferContractTest extends ReplayBufferContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
