package org.ebmbench.gpu;

import org.ebmbench.conformance.MetricContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatMetricContractTest extends MetricContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
