package org.ebmbench.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void factorsFollowTheirFormulas() {
    assertThat(LearningRateSchedule.constant().factor(1_000_000)).isEqualTo(1.0);
    LearningRateSchedule inverse = LearningRateSchedule.inverse(100);
    assertThat(inverse.factor(0)).isEqualTo(1.0);
    assertThat(inverse.factor(100)).isEqualTo(0.5);
    assertThat(inverse.factor(300)).isEqualTo(0.25);
    LearningRateSchedule linear = LearningRateSchedule.linear(0.1, 10);
    assertThat(linear.factor(0)).isEqualTo(1.0);
    assertThat(linear.factor(5)).isEqualTo(0.55);
    assertThat(linear.factor(10)).isEqualTo(0.1, org.assertj.core.api.Assertions.offset(1e-15));
    assertThat(linear.factor(50)).isEqualTo(linear.factor(10));
    assertThat(linear.describe()).isEqualTo("linear(final=0.1,steps=10)");
  }

  @Test
  void invalidSettingsAreNamed() {
    assertThatThrownBy(() -> LearningRateSchedule.inverse(0)).hasMessageContaining("halfLife");
    assertThatThrownBy(() -> LearningRateSchedule.linear(1.5, 10))
        .hasMessageContaining("got 1.5");
    assertThatThrownBy(() -> LearningRateSchedule.linear(0.5, 0)).hasMessageContaining("got 0");
  }
}
