package org.ebmbench.cpu;

import org.ebmbench.conformance.PseudoLikelihoodContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

/** The pseudolikelihood contract in float, with float tolerances. */
class CpuFloatPseudoLikelihoodContractTest extends PseudoLikelihoodContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }

  @Override
  protected Precision precision() {
    return Precision.FLOAT;
  }
}
