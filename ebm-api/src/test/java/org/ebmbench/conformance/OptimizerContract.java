package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.optim.Adam;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.optim.Sgd;
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
}
