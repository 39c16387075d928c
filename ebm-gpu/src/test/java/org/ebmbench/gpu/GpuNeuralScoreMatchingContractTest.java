package org.ebmbench.gpu;

import org.ebmbench.conformance.NeuralScoreMatchingContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuNeuralScoreMatchingContractTest extends NeuralScoreMatchingContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.DOUBLE);
  }
}
