package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.optim.Adam;
import org.ebmbench.optim.LearningRateSchedule;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.optim.Sgd;
import org.ebmbench.optim.WeightDecay;
import org.junit.jupiter.api.Test;

/**
 * The optimizers on the quadratic L(theta) = sum_i d_i (theta_i - c_i)^2 / 2, whose gradient d *
 * (theta - c) is exact, so any error is the optimizer's.
 */
public abstract class OptimizerContract extends EngineContract {
  private static final double[] CURVATURE = {1.0, 4.0, 10.0};
  private static final double[] MINIMUM = {1.0, -2.0, 0.5};

  /** Runs {@code steps} steps from theta = 0 and returns theta. */
  private double[] minimize(Optimizer optimizer, int steps) {
    Ops ops = ops();
    Mat theta = ops.zeros(3, 1);
    Mat curvature = ops.fromHost(3, 1, CURVATURE);
    Mat minimum = ops.fromHost(3, 1, MINIMUM);
    Mat gradient = ops.zeros(3, 1);
    for (int s = 0; s < steps; s++) {
      ops.axpby(1.0, theta, -1.0, minimum, gradient);
      ops.multiply(curvature, gradient, gradient);
      optimizer.step(theta, gradient);
    }
    return ops.toHost(theta);
  }

  private void assertAtMinimum(double[] theta, double tolerance) {
    for (int i = 0; i < 3; i++) {
      assertThat(theta[i]).as("theta[%d]", i).isCloseTo(MINIMUM[i], offset(tolerance));
    }
  }

  @Test
  void gradientDescentConvergesOnAQuadratic() {
    // Each coordinate's error shrinks by |1 - lr d_i| <= 0.85 per step: 0.85^250 ~ 2e-18, so
    // only the round-off of theta near the minimum (~1 ulp of |c| <= 2) is left.
    assertAtMinimum(minimize(new Sgd(ops(), 0.15, 0.0), 250), tolerances().roundOff());
  }

  @Test
  void momentumConvergesOnAQuadratic() {
    // Heavy ball with lr d_i <= 0.5 and momentum 0.9: every mode contracts by sqrt(0.9) = 0.949
    // per step, and 0.949^800 ~ 6e-19.
    assertAtMinimum(minimize(new Sgd(ops(), 0.05, 0.9), 800), tolerances().roundOff());
  }

  @Test
  void adamConvergesOnAQuadratic() {
    // Without gradient noise, once v decays along with g^2 Adam converges linearly: in double
    // the error is 6e-6 after 250 steps, 1e-11 after 500 and at round-off from 750 (a reference
    // run of the same recursion), so 1000 steps leave round-off only.
    assertAtMinimum(minimize(new Adam(ops(), 0.05), 1000), tolerances().roundOff());
  }

  @Test
  void momentumFollowsItsRecursion() {
    Ops ops = ops();
    Sgd sgd = new Sgd(ops, 0.1, 0.9);
    Mat theta = ops.fromHost(2, 1, new double[] {1.0, -1.0});
    sgd.step(theta, ops.fromHost(2, 1, new double[] {2.0, 4.0}));
    // v = g1 = (2, 4); theta = (1 - 0.2, -1 - 0.4)
    assertThat(ops.toHost(theta))
        .containsExactly(new double[] {0.8, -1.4}, offset(tolerances().roundOff()));
    sgd.step(theta, ops.fromHost(2, 1, new double[] {-1.0, 0.5}));
    // v = 0.9 (2, 4) + (-1, 0.5) = (0.8, 4.1); theta = (0.8 - 0.08, -1.4 - 0.41)
    assertThat(ops.toHost(theta))
        .containsExactly(new double[] {0.72, -1.81}, offset(tolerances().roundOff()));
  }

  @Test
  void adamsFirstStepMovesEachCoordinateByTheLearningRate() {
    // After one step m / (1 - beta1) = g and sqrt(v / (1 - beta2)) = |g|, so each coordinate moves
    // by lr |g| / (|g| + epsilon) against its gradient, whatever the gradient's scale.
    Ops ops = ops();
    double lr = 0.01;
    double epsilon = 1e-8;
    double[] g = {3.0, -1e-4, 250.0, -0.5};
    Mat theta = ops.zeros(4, 1);
    new Adam(ops, lr, 0.9, 0.999, epsilon).step(theta, ops.fromHost(4, 1, g));
    double[] moved = ops.toHost(theta);
    for (int i = 0; i < g.length; i++) {
      double expected = -Math.signum(g[i]) * lr * Math.abs(g[i]) / (Math.abs(g[i]) + epsilon);
      assertThat(moved[i])
          .as("coordinate %d", i)
          .isCloseTo(expected, offset(lr * tolerances().roundOff()));
      assertThat(Math.abs(moved[i])).isCloseTo(lr, offset(lr * 1e-3));
    }
  }

  @Test
  void optimizersRejectMismatchedShapes() {
    Ops ops = ops();
    Optimizer[] optimizers = {new Sgd(ops, 0.1, 0.0), new Adam(ops, 0.1)};
    for (Optimizer optimizer : optimizers) {
      assertThatThrownBy(() -> optimizer.step(ops.zeros(3, 1), ops.zeros(2, 1)))
          .as(optimizer.describe())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 x 1")
          .hasMessageContaining("2 x 1");
      optimizer.step(ops.zeros(3, 1), ops.zeros(3, 1));
      assertThatThrownBy(() -> optimizer.step(ops.zeros(4, 1), ops.zeros(4, 1)))
          .as(optimizer.describe())
          .hasMessageContaining("3 parameters");
    }
    assertThatThrownBy(() -> new Sgd(ops, 0.1, 1.0)).hasMessageContaining("momentum");
    assertThatThrownBy(() -> new Adam(ops, -1.0)).hasMessageContaining("learning rate");
  }

  @Test
  void scheduledGradientDescentFollowsItsRecursion() {
    // theta_(t+1) = theta_t - lr factor(t) d (theta_t - c), computed on the host alongside.
    LearningRateSchedule schedule = LearningRateSchedule.inverse(3.0);
    double lr = 0.15;
    double[] expected = new double[3];
    for (int t = 0; t < 20; t++) {
      for (int i = 0; i < 3; i++) {
        expected[i] -= lr * schedule.factor(t) * CURVATURE[i] * (expected[i] - MINIMUM[i]);
      }
    }
    double[] theta = minimize(new Sgd(ops(), lr, 0.0, schedule), 20);
    for (int i = 0; i < 3; i++) {
      assertThat(theta[i]).as("theta[%d]", i).isCloseTo(expected[i], offset(tolerances().roundOff()));
    }
  }

  @Test
  void aScheduleThatReachesZeroStopsAdam() {
    // Linear to 0 over 1 step: step 0 moves at the full rate, every later step at rate 0.
    double[] afterOne = minimize(new Adam(ops(), 0.05), 1);
    double[] afterTen =
        minimize(
            new Adam(ops(), 0.05, 0.9, 0.999, 1e-8, LearningRateSchedule.linear(0.0, 1)), 10);
    assertThat(afterTen).containsExactly(afterOne, offset(tolerances().roundOff()));
    assertThat(afterOne[0]).isNotEqualTo(0.0);
  }

  @Test
  void weightDecayMovesTheMinimumTowardsZero() {
    // With lambda |theta|^2 / 2 added, the minimum of d (theta - c)^2 / 2 moves to d c / (d +
    // lambda); gradient descent contracts by |1 - lr (d + lambda)| <= 0.85, so 250 steps reach it.
    double lambda = 0.5;
    Optimizer optimizer = new WeightDecay(ops(), new Sgd(ops(), 0.14, 0.0), lambda);
    double[] theta = minimize(optimizer, 250);
    for (int i = 0; i < 3; i++) {
      double shifted = CURVATURE[i] * MINIMUM[i] / (CURVATURE[i] + lambda);
      assertThat(theta[i]).as("theta[%d]", i).isCloseTo(shifted, offset(tolerances().roundOff()));
    }
    assertThat(optimizer.describe()).isEqualTo("sgd(lr=0.14,momentum=0.0)+weightDecay(0.5)");
  }
}
