package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * "rings" as in FFJORD's toy_data.py (Grathwohl et al. 2019): four concentric circles of radii 3,
 * 2.25, 1.5 and 0.75 (3 times 1, 0.75, 0.5, 0.25), each point blurred by N(0, 0.08^2 I). FFJORD
 * puts a quarter of a batch on each circle at evenly spaced angles; the law those batches
 * approximate, drawn here exactly, picks a circle uniformly and an angle uniformly in [0, 2 pi).
 */
final class Rings extends SampleOnlyDensity {
  static final String NAME = "rings";
  private static final double[] RADII = {3.0, 2.25, 1.5, 0.75};
  private static final double NOISE = 0.08;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[2 * n];
    for (int r = 0; r < n; r++) {
      double radius = RADII[stream.nextInt(RADII.length)];
      double angle = 2 * Math.PI * stream.nextDouble();
      out[2 * r] = radius * Math.cos(angle) + NOISE * stream.nextGaussian();
      out[2 * r + 1] = radius * Math.sin(angle) + NOISE * stream.nextGaussian();
    }
    return out;
  }
}
