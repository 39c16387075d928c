package org.ebmbench.cpu;

import org.ebmbench.conformance.ReplayBufferContract;
import org.ebmbench.engine.Engine;

class CpuReplayBufferContractTest extends ReplayBufferContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
