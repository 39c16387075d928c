package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewTest {
  private static Series line(String label, List<Double> x, List<Double> y) {
    return new Series(label, x, y);
  }

  @Test
  void theBestFinalDivergenceAndTheFirstToReachTheTargetCanDiffer() {
    // a ends lowest (0.01), so the target is 0.01 + 10 % of (1.01 - 0.01) = 0.11: b reaches it
    // first, at 0.5 s; a at 1 s; c never.
    Series a = line("a", List.of(0.0, 1.0, 2.0), List.of(1.01, 0.1, 0.01));
    Series b = line("b", List.of(0.0, 0.5, 1.0), List.of(1.01, 0.105, 0.012));
    Series c = line("c", List.of(0.0, 0.1), List.of(1.0, 0.5));

    Map<String, Object> row = Overview.row("toy", "ising", "klTrueToModel", false, List.of(a, b, c));

    assertThat(row)
        .containsEntry("best", "a")
        .containsEntry("bestValue", "0.01000")
        .containsEntry("target", "0.1100")
        .containsEntry("fastest", "b")
        .containsEntry("fastestSeconds", "0.5000 s")
        .containsEntry("reached", "2 of 3");
  }

  @Test
  void aLogLikelihoodIsBetterHigherWithTheSameRule() {
    // Best final -6.0 from -7.0: the target is -6.1; b gets there first, a later, c never.
    Series a = line("a", List.of(0.0, 1.0, 2.0), List.of(-7.0, -6.5, -6.0));
    Series b = line("b", List.of(0.0, 0.5, 1.0), List.of(-7.0, -6.08, -6.05));
    Series c = line("c", List.of(0.0, 0.5), List.of(-7.0, -6.2));

    Map<String, Object> row =
        Overview.row("rbm", "rbm", "heldOutLogLikelihood", true, List.of(a, b, c));

    assertThat(row)
        .containsEntry("best", "a")
        .containsEntry("target", "-6.100")
        .containsEntry("fastest", "b")
        .containsEntry("fastestSeconds", "0.5000 s")
        .containsEntry("reached", "2 of 3");
  }

  @Test
  void timeToTargetIsInfiniteWhenTheLineNeverGetsThere() {
    Series never = line("n", List.of(0.0, 1.0), List.of(1.0, 0.5));
    assertThat(Overview.timeToTarget(never, 0.1, false)).isInfinite();
    assertThat(Overview.timeToTarget(never, 0.5, false)).isEqualTo(1.0);
  }
}
