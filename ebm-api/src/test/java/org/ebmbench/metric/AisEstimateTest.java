package org.ebmbench.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AisEstimateTest {
  /** Round-off of a few sums, exps and logs of numbers of order one. */
  private static final double ROUND_OFF = 1e-12;

  @Test
  void equalWeightsGiveTheFullSampleSizeAndNoError() {
    AisEstimate estimate = AisEstimate.of(2.0, new double[] {0.5, 0.5, 0.5, 0.5});
    assertThat(estimate.logZ()).isCloseTo(2.5, within(ROUND_OFF));
    assertThat(estimate.standardError()).isEqualTo(0.0);
    assertThat(estimate.effectiveSampleSize()).isCloseTo(4.0, within(ROUND_OFF));
    assertThat(estimate.runs()).isEqualTo(4);
  }

  @Test
  void matchesTheFormulasOnSmallWeights() {
    // w = 1, 2, 3, 6: mean 3, r = 1/3, 2/3, 1, 2; sum (r - 1)^2 = 4/9 + 1/9 + 0 + 1 = 14/9.
    double[] logWeights = {0.0, Math.log(2), Math.log(3), Math.log(6)};
    AisEstimate estimate = AisEstimate.of(0.0, logWeights);
    assertThat(estimate.logZ()).isCloseTo(Math.log(3), within(ROUND_OFF));
    assertThat(estimate.standardError())
        .isCloseTo(Math.sqrt(14.0 / 9.0 / 12.0), within(ROUND_OFF));
    // (1 + 2 + 3 + 6)^2 / (1 + 4 + 9 + 36) = 144 / 50.
    assertThat(estimate.effectiveSampleSize()).isCloseTo(2.88, within(ROUND_OFF));
  }

  @Test
  void oneDominantRunIsFlaggedEvenWithoutOverflow() {
    double[] logWeights = new double[100];
    logWeights[7] = 800.0; // exp(800) overflows; the estimate must not.
    AisEstimate estimate = AisEstimate.of(0.0, logWeights);
    assertThat(estimate.logZ()).isCloseTo(800.0 - Math.log(100), within(ROUND_OFF * 800));
    assertThat(estimate.effectiveSampleSize()).isCloseTo(1.0, within(ROUND_OFF));
    assertThat(estimate.reliable()).isFalse();
    double[] spread = new double[100];
    for (int m = 0; m < spread.length; m++) {
      spread[m] = 0.01 * m;
    }
    assertThat(AisEstimate.of(0.0, spread).reliable()).isTrue();
  }

  @Test
  void rejectsTooFewRunsAndNaN() {
    assertThatThrownBy(() -> AisEstimate.of(0.0, new double[] {1.0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1");
    assertThatThrownBy(() -> AisEstimate.of(0.0, new double[] {1.0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run 1 is NaN");
  }
}
