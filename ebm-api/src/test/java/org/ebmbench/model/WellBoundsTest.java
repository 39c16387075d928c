package org.ebmbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The proven inequalities behind the double-well model's truncation box and exact sampler, checked
 * directly: the separable envelope lies above f, its masses and tail shares are what the closed
 * forms say, and every sampler cell's bound lies above f on the cell.
 */
class WellBoundsTest {
  /** Standard wells, a sharp one, wide ones, Gaussian axes, strong coupling. */
  private static final List<double[]> THETAS =
      List.of(
          new double[] {0.5, 4, -2},
          new double[] {0, 40, -25},
          new double[] {-1, 0.5, -0.1},
          new double[] {0.3, -0.5, 0},
          new double[] {0.5, 0.5, 4, 4, -2, -2, 0.8},
          new double[] {0.3, -0.2, -1, -1, -0.5, 0, 0.5},
          new double[] {0.3, -0.2, -1, -1.5, 0, 0, 0.6},
          new double[] {-2, 1, 1, 1, -0.1, -0.1, 5});

  private static WellPotential potential(double[] theta) {
    return WellPotential.of(theta.length == 3 ? 1 : 2, theta);
  }

  /**
   * Equality holds where the coupling split is tight and an axis is Gaussian, so the comparison
   * allows the rounding of both sides: 1e-13 of the sum of |f|'s terms.
   */
  @Test
  void envelopeLiesAboveTheLogDensity() {
    RandomStream stream = RandomStream.of(1);
    for (double[] theta : THETAS) {
      WellPotential p = potential(theta);
      SeparableEnvelope envelope = SeparableEnvelope.of(p);
      double worst = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < 20000; s++) {
        double x1 = 4 * stream.nextGaussian();
        double x2 = 4 * stream.nextGaussian();
        double excess = p.value(x1, x2) - envelope.logEnvelope(x1, x2);
        worst = Math.max(worst, excess - 1e-13 * p.termScale(x1, x2));
      }
      assertThat(worst)
          .as("largest f - envelope for %s", Arrays.toString(theta))
          .isLessThanOrEqualTo(0);
    }
  }

  /**
   * In 1-D with logZLower = logMass the box's tail share of the envelope's mass must be at most
   * tau; the trapezoid sums (step 1e-4, exponentially accurate for these smooth integrands) give
   * the envelope's mass, which must equal exp(logMass), and its tail mass.
   */
  @Test
  void envelopeMassAndTailsMatchTheirClosedForms() {
    double tau = 1e-6;
    for (double[] theta : THETAS) {
      if (theta.length != 3) {
        continue;
      }
      SeparableEnvelope envelope = SeparableEnvelope.of(potential(theta));
      double logMass = envelope.logMass();
      double[][] box = envelope.box(logMass, tau);
      double h = 1e-4;
      double inside = 0;
      double outside = 0;
      for (int k = -600000; k <= 600000; k++) {
        double x = k * h;
        double w = h * Math.exp(envelope.logEnvelope(x, 0) - logMass);
        if (x < box[0][0] || x > box[1][0]) {
          outside += w;
        } else {
          inside += w;
        }
      }
      assertThat(inside + outside).as("envelope mass / exp(logMass)").isCloseTo(1.0, within(1e-9));
      assertThat(outside).as("tail share").isLessThanOrEqualTo(tau);
      // The bisection returns close to the smallest such box: the share is not absurdly small.
      assertThat(outside).as("tail share").isGreaterThan(tau * 1e-3);
    }
  }

  /** No allowance here: U carries its own margin for the rounding of f. */
  @Test
  void samplerCellBoundsLieAboveTheLogDensity() {
    RandomStream stream = RandomStream.of(2);
    for (double[] theta : THETAS) {
      WellPotential p = potential(theta);
      SeparableEnvelope envelope = SeparableEnvelope.of(p);
      double[][] box = envelope.box(envelope.logMass() - 5, 1e-15);
      WellSampler sampler = WellSampler.build(p, box[0], box[1]);
      double worst = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < 50000; s++) {
        double x1 = box[0][0] + stream.nextDouble() * (box[1][0] - box[0][0]);
        double x2 =
            p.dimension == 2 ? box[0][1] + stream.nextDouble() * (box[1][1] - box[0][1]) : 0;
        worst = Math.max(worst, p.value(x1, x2) - sampler.envelopeAt(x1, x2));
      }
      assertThat(worst).as("largest f - U for %s", Arrays.toString(theta)).isLessThanOrEqualTo(0);
    }
  }
}
