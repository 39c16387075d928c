package org.ebmbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The toy densities against their definitions. Goodness-of-fit tests run at significance 1e-3 with
 * fixed seeds (a correct sampler fails a given test for one seed in a thousand); a mean is checked
 * against its Monte Carlo standard error at z = 3.29 (the same two-sided 1e-3).
 */
class ToyDensitiesTest {
  private static final double ALPHA = 1e-3;
  private static final double Z_ALPHA = 3.2905;
  private static final int DRAWS = 20_000;

  private static double[] draws(Density density, String purpose) {
    return density.sample(DRAWS, RandomStream.derive(20261129L, purpose));
  }

  @Test
  void eightGaussiansDrawsFitTheMixtureOnACoarseGrid() {
    GaussianMixture mixture = GaussianMixture.eightGaussians();
    assertThat(mixture.sigma()).isCloseTo(0.5 / 1.414, within(1e-15));
    // 6 x 6 bins of width 1.5 on [-4.5, 4.5]^2; the mass outside (~1e-6) joins no bin and is
    // below what 20000 draws can see, so it is left out of both sides.
    double[] edges = {-4.5, -3, -1.5, 0, 1.5, 3, 4.5};
    int bins = edges.length - 1;
    double[] probabilities = new double[bins * bins];
    NormalDistribution unit = NormalDistribution.of(0, 1);
    double h = 1 / Math.sqrt(2);
    double[][] centers = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {h, h}, {h, -h}, {-h, h}, {-h, -h}};
    for (double[] c : centers) {
      for (int i = 0; i < bins; i++) {
        for (int j = 0; j < bins; j++) {
          double px = mass(unit, edges[i], edges[i + 1], 4 * c[0] / 1.414, mixture.sigma());
          double py = mass(unit, edges[j], edges[j + 1], 4 * c[1] / 1.414, mixture.sigma());
          probabilities[i * bins + j] += px * py / 8;
        }
      }
    }
    long[] counts = binCounts(draws(mixture, "8gaussians"), edges);
    assertThat(pValue(probabilities, counts)).isGreaterThan(ALPHA);
  }

  @Test
  void checkerboardDrawsAreUniformOnItsEightSquares() {
    Density board = ToyDensities.byName("checkerboard");
    // Unit bins on [-4, 4)^2: 32 of the 64 lie in the support, each of probability 1/32; a draw in
    // any other bin is an outright error.
    double[] edges = new double[9];
    for (int k = 0; k <= 8; k++) {
      edges[k] = -4 + k;
    }
    double[] values = draws(board, "checkerboard");
    long[] counts = binCounts(values, edges);
    double[] probabilities = new double[64];
    double[] centre = new double[2];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        centre[0] = edges[i] + 0.5;
        centre[1] = edges[j] + 0.5;
        boolean inside = board.logDensity(centre, 0) == -Math.log(32);
        probabilities[i * 8 + j] = inside ? 1.0 / 32 : 0;
        if (!inside) {
          assertThat(counts[i * 8 + j]).as("draws in empty bin (%d, %d)", i, j).isZero();
        }
      }
    }
    assertThat(pValue(probabilities, counts)).isGreaterThan(ALPHA);
    // Squares with an even index sum: (0, 0) is [0, 2)^2, in the support; (1, 0) is not.
    assertThat(board.logDensity(new double[] {0.5, 0.5}, 0)).isEqualTo(-Math.log(32));
    assertThat(board.logDensity(new double[] {2.5, 0.5}, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(board.logDensity(new double[] {-4.5, 0.5}, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void mixtureLogDensityIntegratesToOneAndItsScoreIsItsGradient() {
    GaussianMixture mixture = GaussianMixture.eightGaussians();
    // Midpoint rule, h = 0.05 on [-5, 5]^2: the discretization error of a Gaussian of sd 0.35 is
    // ~exp(-2 pi^2 0.35^2 / 0.05^2) (nil) and the mass outside ~1e-10, so the sum is 1 to round-off.
    double sum = 0;
    double h = 0.05;
    double[] x = new double[2];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 200; j++) {
        x[0] = -5 + (i + 0.5) * h;
        x[1] = -5 + (j + 0.5) * h;
        sum += Math.exp(mixture.logDensity(x, 0)) * h * h;
      }
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    // Central differences with step 1e-5: truncation ~ step^2 |f'''| ~ 1e-10 * 1e2, round-off
    // ~ 1e-16 |f| / step ~ 1e-10.
    double step = 1e-5;
    double[] point = {1.1, -0.4};
    double[] score = new double[2];
    mixture.score(point, 0, score, 0);
    for (int k = 0; k < 2; k++) {
      double[] up = point.clone();
      double[] down = point.clone();
      up[k] += step;
      down[k] -= step;
      double difference = (mixture.logDensity(up, 0) - mixture.logDensity(down, 0)) / (2 * step);
      assertThat(score[k]).as("score[%d]", k).isCloseTo(difference, within(1e-7));
    }
  }

  @Test
  void axesMixtureHasTwoComponentsPerDimensionAndADeterministicSample() {
    GaussianMixture mixture = GaussianMixture.axes(32);
    assertThat(mixture.components()).isEqualTo(64);
    assertThat(mixture.dimension()).isEqualTo(32);
    // In 1-D the density is the closed form of two Gaussians at +-2, sd 0.5.
    GaussianMixture one = GaussianMixture.axes(1);
    NormalDistribution a = NormalDistribution.of(2, 0.5);
    NormalDistribution b = NormalDistribution.of(-2, 0.5);
    double expected = Math.log((a.density(0.7) + b.density(0.7)) / 2);
    assertThat(one.logDensity(new double[] {0.7}, 0)).isCloseTo(expected, within(1e-14));
    assertThat(mixture.sample(10, RandomStream.of(3))).containsExactly(mixture.sample(10, RandomStream.of(3)));
    double[] values = one.sample(DRAWS, RandomStream.derive(5, "axes"));
    double p =
        KolmogorovSmirnovTest.withDefaults()
            .test(values, v -> (a.cumulativeProbability(v) + b.cumulativeProbability(v)) / 2)
            .getPValue();
    assertThat(p).isGreaterThan(ALPHA);
  }

  @Test
  void ringsPutAQuarterOfTheDrawsOnEachCircleAtUniformAngles() {
    double[] values = draws(ToyDensities.byName("rings"), "rings");
    double[] radii = {3.0, 2.25, 1.5, 0.75};
    long[] counts = new long[4];
    double[] angles = new double[DRAWS];
    for (int r = 0; r < DRAWS; r++) {
      double x = values[2 * r];
      double y = values[2 * r + 1];
      double radius = Math.hypot(x, y);
      // Rings 0.75 apart with noise sd 0.08: a draw lands nearer another ring with probability
      // ~P(|N| > 4.7), about 3e-6 per draw, so the nearest ring is its own.
      int nearest = 0;
      for (int k = 1; k < 4; k++) {
        if (Math.abs(radius - radii[k]) < Math.abs(radius - radii[nearest])) {
          nearest = k;
        }
      }
      counts[nearest]++;
      angles[r] = (Math.atan2(y, x) + Math.PI) / (2 * Math.PI);
    }
    assertThat(pValue(new double[] {0.25, 0.25, 0.25, 0.25}, counts)).isGreaterThan(ALPHA);
    // The angle of the noisy point is uniform too: the noise is isotropic.
    double p = KolmogorovSmirnovTest.withDefaults().test(angles, u -> u).getPValue();
    assertThat(p).isGreaterThan(ALPHA);
  }

  /**
   * Means in closed form. Moons: E(cos t) = 0 and E(sin t) = 2 / pi for t ~ U[0, pi], so the arcs
   * average (0, 2/pi) and (1, 1/2 - 2/pi), the mixture (1/2, 1/4), mapped to 2 m - (1, 0.2) = (0,
   * 0.3). Swiss roll: E(t cos t) and E(t sin t) over t ~ U[1.5 pi, 4.5 pi] from the antiderivatives
   * t sin t + cos t and sin t - t cos t, divided by 5. Pinwheel: the five arms are rotations of
   * one another by 2 pi / 5, so the mean is 0.
   */
  @Test
  void moonsSwissRollAndPinwheelHaveTheirClosedFormMeans() {
    double lo = 1.5 * Math.PI;
    double hi = 4.5 * Math.PI;
    double swissX = ((hi * Math.sin(hi) + Math.cos(hi)) - (lo * Math.sin(lo) + Math.cos(lo))) / (hi - lo) / 5;
    double swissY = ((Math.sin(hi) - hi * Math.cos(hi)) - (Math.sin(lo) - lo * Math.cos(lo))) / (hi - lo) / 5;
    assertMean("moons", 0, 0.3);
    assertMean("swissroll", swissX, swissY);
    assertMean("pinwheel", 0, 0);
  }

  private static void assertMean(String name, double meanX, double meanY) {
    double[] values = draws(ToyDensities.byName(name), name);
    double[] expected = {meanX, meanY};
    for (int k = 0; k < 2; k++) {
      double sum = 0;
      double sumSquares = 0;
      for (int r = 0; r < DRAWS; r++) {
        double v = values[2 * r + k] - expected[k];
        sum += v;
        sumSquares += v * v;
      }
      double mean = sum / DRAWS;
      double standardError = Math.sqrt((sumSquares / DRAWS - mean * mean) / DRAWS);
      assertThat(Math.abs(mean)).as("%s mean[%d] - expected", name, k).isLessThan(Z_ALPHA * standardError);
    }
  }

  @Test
  void namesAreKnownAndUnknownOnesAreRejectedWithTheList() {
    for (String name : ToyDensities.NAMES) {
      Density density = ToyDensities.byName(name);
      assertThat(density.name()).isEqualTo(name);
      assertThat(density.dimension()).isEqualTo(2);
      assertThat(density.dataset(5, RandomStream.of(1)).rows()).isEqualTo(5);
    }
    assertThatThrownBy(() -> ToyDensities.byName("spiral"))
        .hasMessageContaining("'spiral'")
        .hasMessageContaining("8gaussians, rings, moons, checkerboard, swissroll, pinwheel");
    assertThatThrownBy(() -> ToyDensities.byName("rings").logDensity(new double[2], 0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("rings");
  }

  private static double mass(NormalDistribution unit, double a, double b, double mean, double sd) {
    return unit.cumulativeProbability((b - mean) / sd) - unit.cumulativeProbability((a - mean) / sd);
  }

  /** Counts per bin (i over x, j over y, index i * bins + j); draws outside all bins are dropped. */
  private static long[] binCounts(double[] values, double[] edges) {
    int bins = edges.length - 1;
    long[] counts = new long[bins * bins];
    for (int r = 0; r < values.length / 2; r++) {
      int i = bin(values[2 * r], edges);
      int j = bin(values[2 * r + 1], edges);
      if (i >= 0 && j >= 0) {
        counts[i * bins + j]++;
      }
    }
    return counts;
  }

  private static int bin(double v, double[] edges) {
    for (int k = 0; k < edges.length - 1; k++) {
      if (v >= edges[k] && v < edges[k + 1]) {
        return k;
      }
    }
    return -1;
  }

  /** Chi-square over the bins of positive probability, renormalized to the draws they hold. */
  private static double pValue(double[] probabilities, long[] counts) {
    int used = 0;
    for (double p : probabilities) {
      used += p > 0 ? 1 : 0;
    }
    double[] p = new double[used];
    long[] c = new long[used];
    int k = 0;
    for (int b = 0; b < probabilities.length; b++) {
      if (probabilities[b] > 0) {
        p[k] = probabilities[b];
        c[k++] = counts[b];
      }
    }
    return ChiSquareTest.withDefaults().test(p, c).getPValue();
  }
}
