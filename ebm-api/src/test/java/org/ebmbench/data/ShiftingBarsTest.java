package org.ebmbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShiftingBarsTest {
  @Test
  void patternsAreTheDistinctCyclicShiftsOfOneBar() {
    Dataset data = ShiftingBars.patterns(5, 2);
    assertThat(data.rows()).isEqualTo(5);
    assertThat(data.cols()).isEqualTo(5);
    double[] v = data.values();
    assertThat(Arrays.copyOfRange(v, 0, 5)).containsExactly(1, 1, 0, 0, 0);
    assertThat(Arrays.copyOfRange(v, 20, 25)).as("the last bar wraps").containsExactly(1, 0, 0, 0, 1);
    Set<String> distinct = new HashSet<>();
    for (int r = 0; r < 5; r++) {
      double[] row = Arrays.copyOfRange(v, 5 * r, 5 * r + 5);
      assertThat(Arrays.stream(row).sum()).isEqualTo(2.0);
      distinct.add(Arrays.toString(row));
    }
    assertThat(distinct).hasSize(5);
    assertThat(ShiftingBars.optimalLogLikelihood(5)).isEqualTo(-Math.log(5));
  }

  @Test
  void invalidShapesAreNamed() {
    assertThatThrownBy(() -> ShiftingBars.patterns(1, 1)).hasMessageContaining("width");
    assertThatThrownBy(() -> ShiftingBars.patterns(6, 6)).hasMessageContaining("got 6");
    assertThatThrownBy(() -> ShiftingBars.patterns(6, 0)).hasMessageContaining("length");
  }
}
