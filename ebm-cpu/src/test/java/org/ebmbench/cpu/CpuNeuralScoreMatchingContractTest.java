package org.ebmbench.cpu;

import org.ebmbench.conformance.NeuralScoreMatchingContract;
import org.ebmbench.engine.Engine;

class CpuNeuralScoreMatchingContractTest extends NeuralScoreMatchingContract {
  @Override
  protected Engine engine() {
    return new CpuEngine();
  }
}
