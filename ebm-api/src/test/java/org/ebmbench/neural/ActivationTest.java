package org.ebmbench.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationTest {
  @Test
  void parsesItsLabelsInAnyCase() {
    for (Activation a : Activation.values()) {
      assertThat(Activation.parse(a.label())).isEqualTo(a);
      assertThat(Activation.parse(" " + a.name() + " ")).isEqualTo(a);
    }
    assertThat(Activation.SILU.label()).isEqualTo("silu");
  }

  @Test
  void rejectsAnUnknownLabelNamingTheChoices() {
    assertThatThrownBy(() -> Activation.parse("relu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activation must be softplus, silu or tanh, got 'relu'");
  }
}
