package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void specsShowListsAndNestedSettings() throws IOException {
    assertThat(Labels.spec(mapper.readTree(
            "{\"type\": \"mlp\", \"hidden\": [64, 64], \"activation\": \"silu\"}")))
        .isEqualTo("mlp(hidden=64-64, activation=silu)");
    assertThat(Labels.spec(mapper.readTree(
            "{\"type\": \"rbm\", \"hidden\": 500, \"ais\": {\"steps\": 1000, \"runs\": 100}}")))
        .isEqualTo("rbm(hidden=500, ais={steps=1000, runs=100})");
    assertThat(Labels.spec(null)).isEmpty();
  }
}
