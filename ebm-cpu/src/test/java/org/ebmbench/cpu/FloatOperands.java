package org.ebmbench.cpu;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.random.RandomStream;

/** Operands for the bit-exact tests of the float product kernels. */
final class FloatOperands {
  private FloatOperands() {}

  /**
   * values as a rows x cols view starting 3 elements into a larger float matrix padded with NaN,
   * so that a kernel reading outside the view or ignoring its offset shows in the result.
   */
  static Mat view(Ops ops, float[] values, int rows, int cols) {
    double[] padded = new double[values.length + 5];
    Arrays.fill(padded, Double.NaN);
    for (int i = 0; i < values.length; i++) {
      padded[3 + i] = values[i];
    }
    return ops.view(ops.fromHost(padded.length, 1, padded), 3, rows, cols);
  }

  static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  static float[] gaussians(RandomStream random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
