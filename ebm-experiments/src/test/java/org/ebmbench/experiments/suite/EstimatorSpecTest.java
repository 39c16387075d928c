package org.ebmbench.experiments.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebmbench.experiments.suite.EstimatorSpec.Kind;
import org.ebmbench.experiments.suite.EstimatorSpec.Parsed;
import org.junit.jupiter.api.Test;

class EstimatorSpecTest {
  private static Parsed parse(String name) {
    return EstimatorSpec.named(name).validate(FieldPath.root().field("estimators").index(0));
  }

  @Test
  void neuralEstimatorNamesCarryTheirParameters() {
    assertThat(parse("grid-mle")).isEqualTo(new Parsed(Kind.GRID_MLE, 0));
    assertThat(parse("replay-cd-20")).isEqualTo(new Parsed(Kind.REPLAY_CD, 20));
    assertThat(parse("replay-cd-20").usesSampler()).isTrue();
    assertThat(parse("sliced-sm-4")).isEqualTo(new Parsed(Kind.SLICED_SM, 4, 0, false, false));
    assertThat(parse("sliced-sm-vr-1-gaussian"))
        .isEqualTo(new Parsed(Kind.SLICED_SM, 1, 0, true, true));
    assertThat(parse("denoising-sm-0.05")).isEqualTo(new Parsed(Kind.DENOISING_SM, 0, 0.05, false, false));
    assertThat(parse("denoising-sm-1e-2").sigma()).isEqualTo(0.01);
    assertThat(parse("cd-5").kind().neuralOnly()).isFalse();
    assertThat(parse("sliced-sm-1").kind().neuralOnly()).isTrue();
  }

  @Test
  void outOfRangeParametersAreUnknownNames() {
    for (String bad : new String[] {"sliced-sm-0", "sliced-sm-65", "denoising-sm-0", "denoising-sm-",
        "replay-cd-0", "sliced-sm-vr", "grid-mle-2"}) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .hasMessageStartingWith("estimators[0]: unknown estimator '" + bad + "' (allowed:");
    }
  }
}
