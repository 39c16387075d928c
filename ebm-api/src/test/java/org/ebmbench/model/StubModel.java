package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * A model with no optional abilities and no engine, for engine-free tests of the checks that come
 * before any arithmetic. Every numerical method fails.
 */
public final class StubModel implements EnergyModel {
  @Override
  public String describe() {
    return "stub(d=2)";
  }

  @Override
  public Ops ops() {
    throw new UnsupportedOperationException("the stub model has no engine");
  }

  @Override
  public Domain domain() {
    return Domain.CONTINUOUS;
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public int parameterCount() {
    return 1;
  }

  @Override
  public Mat parameters() {
    throw new UnsupportedOperationException("the stub model has no parameters");
  }

  @Override
  public void logDensityUnnormalized(Mat x, Mat out) {
    throw new UnsupportedOperationException("the stub model has no density");
  }

  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    throw new UnsupportedOperationException("the stub model has no gradient");
  }

  @Override
  public EnergyModel copy() {
    return new StubModel();
  }
}
