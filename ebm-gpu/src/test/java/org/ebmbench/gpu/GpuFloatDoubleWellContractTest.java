package org.ebmbench.gpu;

import org.ebmbench.conformance.DoubleWellContract;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Precision;

@SkipContractTests(
    value = {
      "oneDimensionalIntegralsMatchATrapezoidRule",
      "twoDimensionalIntegralsMatchATrapezoidRule",
      "quadraticCaseMatchesTheGaussianClosedForm",
      "uncoupledTwoDimensionalIsTheProductOfOneDimensional"
    },
    reason = "they hold the quadrature to its own tolerance (2e-12) whatever the precision; in"
        + " float the integrals come back rounded to float (~1e-8 relative), so they can only"
        + " pass in double")
class GpuFloatDoubleWellContractTest extends DoubleWellContract {
  @Override
  protected Engine engine() {
    return new GpuEngine(Precision.FLOAT);
  }
}
