package org.ebmbench.gpu;

import org.ebmbench.conformance.MetricContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuMetricContractTest extends MetricContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
