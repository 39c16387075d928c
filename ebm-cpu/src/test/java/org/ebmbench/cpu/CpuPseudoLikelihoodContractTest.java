package org.ebmbench.cpu;

import org.ebmbench.conformance.PseudoLikelihoodContract;
import org.ebmbench.engine.Engine;

class CpuPseudoLikelihoodContractTest extends PseudoLikelihoodContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
