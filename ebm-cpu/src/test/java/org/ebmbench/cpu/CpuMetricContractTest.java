package org.ebmbench.cpu;

import org.ebmbench.conformance.MetricContract;
import org.ebmbench.engine.Engine;

class CpuMetricContractTest extends MetricContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
