package org.ebmbench.gpu;

import org.ebmbench.conformance.NeuralScoreMatchingContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

class GpuFloatNeuralScoreMatchingContractTest extends NeuralScoreMatchingContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
