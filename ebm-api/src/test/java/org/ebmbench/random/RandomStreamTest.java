package org.ebmbench.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomStreamTest {
  @Test
  void nextFloatIsNextDoubleRoundedDownToTwentyFourBits() {
    for (long seed : new long[] {0, 1, 42, -7}) {
      RandomStream floats = RandomStream.of(seed);
      RandomStream doubles = RandomStream.of(seed);
      for (int i = 0; i < 200_000; i++) {
        float u = floats.nextFloat();
        // u * 2^24 and k * 2^-24 are exact, so this is the definition computed in doubles.
        float expected = (float) (Math.floor(doubles.nextDouble() * 0x1p24) * 0x1p-24);
        if (u != expected) {
          assertThat(u).as("seed %d, draw %d", seed, i).isEqualTo(expected);
        }
      }
      assertThat(floats.nextDouble()).as("both took the same draws").isEqualTo(doubles.nextDouble());
    }
  }

  @Test
  void nextFloatStaysBelowOne() {
    RandomStream stream = RandomStream.of(3);
    float largest = 0f;
    for (int i = 0; i < 1_000_000; i++) {
      largest = Math.max(largest, stream.nextFloat());
    }
    // The largest of 10^6 uniforms is within about 1e-5 of 1: close, but never 1 itself.
    assertThat(largest).isLessThan(1f).isGreaterThan(0.9999f);
  }
}
