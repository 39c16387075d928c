package org.ebmbench.estimator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebmbench.model.StubModel;
import org.junit.jupiter.api.Test;

/** Estimators check the model's abilities before any arithmetic. */
class CapabilityChecksTest {
  @Test
  void exactMleNeedsAnExactPartitionFunction() {
    assertThatThrownBy(() -> new ExactMle().lossGradient(new StubModel(), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exact MLE")
        .hasMessageContaining("ExactPartition")
        .hasMessageContaining("stub(d=2)");
  }

  @Test
  void scoreMatchingNeedsAScoreMatchableModel() {
    assertThatThrownBy(() -> new ScoreMatching().lossGradient(new StubModel(), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScoreMatchable")
        .hasMessageContaining("stub(d=2)");
  }
}
