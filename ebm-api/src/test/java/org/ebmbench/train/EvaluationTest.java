package org.ebmbench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.Metric;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.StubModel;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static Metric constant(String name, Measurement value) {
    return new Metric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Measurement evaluate(EnergyModel model) {
        return value;
      }
    };
  }

  @Test
  void listsEachMetricInOrderWithStandardErrorsOfEstimates() {
    Evaluation evaluation =
        Evaluation.of(
            List.of(
                constant("kl", Measurement.exact(0.25)),
                constant("fisher", new Measurement(1.5, 0.1))));
    assertThat(evaluation.evaluate(new StubModel()))
        .containsExactly(
            java.util.Map.entry("kl", 0.25),
            java.util.Map.entry("fisher", 1.5),
            java.util.Map.entry("fisherStdErr", 0.1));
  }

  @Test
  void rejectsTwoMetricsWithOneName() {
    Metric kl = constant("kl", Measurement.exact(0.0));
    assertThatThrownBy(() -> Evaluation.of(List.of(kl, kl))).hasMessageContaining("'kl'");
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> new TrainingConfig(0, 1, 1, 0)).hasMessageContaining("steps");
    assertThatThrownBy(() -> new TrainingConfig(1, 0, 1, 0)).hasMessageContaining("batch size");
    assertThatThrownBy(() -> new TrainingConfig(1, 1, 0, 0)).hasMessageContaining("evaluateEvery");
  }
}
