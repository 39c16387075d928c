package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Float column sums, in lanes where the Vector API is there ({@link VectorColumnSums}), keep the
 * bits of the scalar rule: each column summed down the rows in order in double, then rounded to
 * float. Exact equality is the test, on views at an offset and on one and two threads.
 */
class VectorColumnSumsTest {
  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"256, 128", "9, 85", "3, 7", "2000, 40"})
  void equalColumnSumsInDoubleDownTheRows(int rows, int cols) {
    float[] values =
        FloatOperands.gaussians(RandomStream.derive(rows * 1000L + cols, "column sums"), rows * cols);
    float[] expected = new float[cols];
    for (int c = 0; c < cols; c++) {
      double sum = 0.0;
      for (int r = 0; r < rows; r++) {
        sum += values[r * cols + c];
      }
      expected[c] = (float) sum;
    }
    for (int threads = 1; threads <= 2; threads++) {
      Ops ops = new CpuEngine(threads).ops(Precision.FLOAT);
      Mat sums = ops.zeros(1, cols);
      ops.columnSums(FloatOperands.view(ops, values, rows, cols), sums);
      assertThat(FloatOperands.toFloats(ops.toHost(sums)))
          .as("%d threads", threads)
          .containsExactly(expected);
    }
  }
}
