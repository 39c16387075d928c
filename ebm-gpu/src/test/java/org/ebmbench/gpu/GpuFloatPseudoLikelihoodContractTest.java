package org.ebmbench.gpu;

import org.ebmbench.conformance.PseudoLikelihoodContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatPseudoLikelihoodContractTest extends PseudoLikelihoodContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
