package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;

class ChartsTest {
  private static Series series(double... y) {
    List<Double> xs = new java.util.ArrayList<>();
    List<Double> ys = new java.util.ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      xs.add((double) i);
      ys.add(y[i]);
    }
    return new Series("s", xs, ys);
  }

  @Test
  void logScaleOnlyWhenEveryValueIsPositive() {
    assertThat(Charts.logScale(List.of(series(1, 1e-3), series(0.5)))).isTrue();
    assertThat(Charts.logScale(List.of(series(1, 1e-3), series(0.0)))).isFalse();
    assertThat(Charts.logScale(List.of(series(-3, -2)))).isFalse();
    assertThat(Charts.logScale(List.of())).isFalse();
    assertThat(Charts.chart("t", "x", "y", List.of(series(1, 0.1))).getXYPlot().getRangeAxis())
        .isInstanceOf(LogAxis.class);
    assertThat(Charts.chart("t", "x", "y", List.of(series(-1, -0.1))).getXYPlot().getRangeAxis())
        .isInstanceOf(NumberAxis.class);
  }

  @Test
  void aBandOverSeedsIsDrawnTranslucentAndCountsForTheLogScale() {
    Series banded =
        new Series("s", List.of(0.0, 1.0), List.of(1.0, 0.1), List.of(0.5, 0.05), List.of(2.0, 0.2));
    assertThat(Charts.lineChart("a", "t", "x", "y", List.of(banded))).contains("fill-opacity");
    Series touchingZero =
        new Series("s", List.of(0.0, 1.0), List.of(1.0, 0.1), List.of(0.5, 0.0), List.of(2.0, 0.2));
    assertThat(Charts.logScale(List.of(touchingZero))).isFalse();
  }

  @Test
  void idsOfTwoChartsDoNotClash() {
    String a = Charts.lineChart("a", "t", "x", "y", List.of(series(1, 0.1)));
    String b = Charts.lineChart("b", "t", "x", "y", List.of(series(1, 0.1)));
    assertThat(a).startsWith("<svg id='asvg'").contains("id='aclip-0'").doesNotContain("id='bclip");
    assertThat(b).startsWith("<svg id='bsvg'").contains("id='bclip-0'");
  }
}
