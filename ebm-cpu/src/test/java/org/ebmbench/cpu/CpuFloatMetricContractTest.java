package org.ebmbench.cpu;

import org.ebmbench.conformance.MetricContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The metric contract in float, with float tolerances. */
class CpuFloatMetricContractTest extends MetricContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
