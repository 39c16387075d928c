package org.ebmbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

class BarsAndStripesTest {
  @Test
  void fourByFourHasThirtyDistinctBarOrStripePatterns() {
    Dataset data = BarsAndStripes.patterns(4);
    assertThat(data.rows()).isEqualTo(30).isEqualTo(BarsAndStripes.patternCount(4));
    assertThat(data.cols()).isEqualTo(16);
    double[] v = data.values();
    Set<List<Double>> distinct = new HashSet<>();
    for (int r = 0; r < 30; r++) {
      double[] image = Arrays.copyOfRange(v, r * 16, (r + 1) * 16);
      distinct.add(Arrays.stream(image).boxed().toList());
      assertThat(isBars(image) || isStripes(image)).as("pattern %d", r).isTrue();
    }
    assertThat(distinct).hasSize(30);
    assertThat(BarsAndStripes.optimalLogLikelihood(4)).isCloseTo(-Math.log(30), within(0.0));
  }

  @Test
  void patternLayoutIsRowMajor() {
    double[] v = BarsAndStripes.patterns(3).values();
    // Bars mask 1 turns row 0 on; stripes mask 1 (the 9th pattern) turns column 0 on.
    assertThat(Arrays.copyOfRange(v, 9, 18)).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0);
    assertThat(Arrays.copyOfRange(v, 8 * 9, 9 * 9)).containsExactly(1, 0, 0, 1, 0, 0, 1, 0, 0);
    assertThat(BarsAndStripes.patternCount(3)).isEqualTo(14);
  }

  @Test
  void samplesAreUniformOverTheDistinctPatterns() {
    int count = 30_000;
    Dataset sample = BarsAndStripes.sample(4, count, RandomStream.of(71));
    double[] all = BarsAndStripes.patterns(4).values();
    Map<List<Double>, Integer> index = new HashMap<>();
    for (int p = 0; p < 30; p++) {
      index.put(Arrays.stream(Arrays.copyOfRange(all, p * 16, (p + 1) * 16)).boxed().toList(), p);
    }
    long[] counts = new long[30];
    double[] v = sample.values();
    for (int r = 0; r < count; r++) {
      counts[
          index.get(Arrays.stream(Arrays.copyOfRange(v, r * 16, (r + 1) * 16)).boxed().toList())]++;
    }
    double[] uniform = new double[30];
    Arrays.fill(uniform, 1.0 / 30);
    // Significance 0.001 at a fixed seed.
    assertThat(ChiSquareTest.withDefaults().test(uniform, counts).getPValue()).isGreaterThan(1e-3);
    assertThat(BarsAndStripes.sample(4, 20, RandomStream.of(72)).values())
        .as("same seed, same sample")
        .containsExactly(BarsAndStripes.sample(4, 20, RandomStream.of(72)).values());
  }

  @Test
  void invalidArgumentsAreNamed() {
    assertThatThrownBy(() -> BarsAndStripes.patterns(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1");
    assertThatThrownBy(() -> BarsAndStripes.sample(4, 0, RandomStream.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private static boolean isBars(double[] image) {
    for (int r = 0; r < 4; r++) {
      for (int c = 1; c < 4; c++) {
        if (image[r * 4 + c] != image[r * 4]) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isStripes(double[] image) {
    for (int c = 0; c < 4; c++) {
      for (int r = 1; r < 4; r++) {
        if (image[r * 4 + c] != image[c]) {
          return false;
        }
      }
    }
    return true;
  }
}
