package org.ebmbench.data;

/**
 * A density known only through its exact sampler: the toy shapes whose density is a convolution
 * with no closed form (rings, two moons, swiss roll, pinwheel).
 */
abstract class SampleOnlyDensity implements Density {
  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public boolean hasLogDensity() {
    return false;
  }

  @Override
  public double logDensity(double[] x, int offset) {
    throw new UnsupportedOperationException(name() + " has no closed-form log-density");
  }

  @Override
  public boolean hasScore() {
    return false;
  }

  @Override
  public void score(double[] x, int offset, double[] out, int outOffset) {
    throw new UnsupportedOperationException(name() + " has no closed-form score");
  }
}
