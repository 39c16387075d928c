package org.ebmbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  @Test
  void returnsTheModelWhenItHasTheCapability() {
    StubModel model = new StubModel();
    assertThat(Capabilities.require(model, EnergyModel.class, "anything")).isSameAs(model);
  }

  @Test
  void namesTheUserTheCapabilityAndTheModel() {
    assertThatThrownBy(
            () -> Capabilities.require(new StubModel(), ExactPartition.class, "exact MLE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exact MLE needs a model that is ExactPartition, but stub(d=2) is not");
  }
}
