package org.ebmbench.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** L-BFGS on functions with known minimizers, and its strong-Wolfe line search. */
class LbfgsTest {
  /** The 2-D Rosenbrock function, minimum 0 at (1, 1). */
  private static final DifferentiableFunction ROSENBROCK =
      new DifferentiableFunction() {
        @Override
        public int dimension() {
          return 2;
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
          double a = 1 - x[0];
          double b = x[1] - x[0] * x[0];
          g[0] = -2 * a - 400 * x[0] * b;
          g[1] = 200 * b;
          return a * a + 100 * b * b;
        }
      };

  /** f(x) = 1/2 sum_k c_k (x_k - k)^2 with curvatures c_k spanning 1 to 1000. */
  private static final class Quadratic implements DifferentiableFunction {
    int evaluations;

    @Override
    public int dimension() {
      return 20;
    }

    static double curvature(int k) {
      return Math.pow(1000, k / 19.0);
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      evaluations++;
      double f = 0;
      for (int k = 0; k < x.length; k++) {
        double d = x[k] - k;
        g[k] = curvature(k) * d;
        f += 0.5 * curvature(k) * d * d;
      }
      return f;
    }
  }

  @Test
  void minimizesRosenbrockFromTheClassicStart() {
    Lbfgs.Result result =
        new Lbfgs(5, 500, 1e-10, 10, 0).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertThat(result.stop()).isEqualTo(Lbfgs.Stop.GRADIENT);
    // ||g|| <= 1e-10 near a minimum whose Hessian has smallest eigenvalue ~0.4 puts x within
    // ~1e-9 of (1, 1).
    assertThat(result.x()[0]).isCloseTo(1, within(1e-8));
    assertThat(result.x()[1]).isCloseTo(1, within(1e-8));
    assertThat(result.iterations()).isLessThan(100);
  }

  @Test
  void minimizesAnIllConditionedQuadratic() {
    Quadratic f = new Quadratic();
    Lbfgs.Result result = new Lbfgs(10, 500, 1e-12, 10, 0).minimize(f, new double[20]);
    assertThat(result.stop()).isEqualTo(Lbfgs.Stop.GRADIENT);
    for (int k = 0; k < 20; k++) {
      // ||g|| <= 1e-12 * ||x|| (~5e-11) and curvature >= 1 bound |x_k - k| by ~5e-11.
      assertThat(result.x()[k]).isCloseTo(k, within(1e-10));
    }
    assertThat(result.evaluations()).isEqualTo(f.evaluations);
  }

  /** Every accepted step satisfies the strong Wolfe conditions. */
  @Test
  void lineSearchAcceptsOnlyStrongWolfeSteps() {
    double[] x = {-1.2, 1};
    double[] g = new double[2];
    double f0 = ROSENBROCK.valueAndGradient(x, g);
    double[] d = {-g[0], -g[1]};
    double slope = Lbfgs.dot(g, d);
    for (double initial : new double[] {1e-6, 1e-3, 1, 100}) {
      Lbfgs.LineSearch search = new Lbfgs.LineSearch(ROSENBROCK, 2);
      assertThat(search.run(x, f0, g, d, slope, initial)).isTrue();
      double step = (search.x[0] - x[0]) / d[0];
      assertThat(search.value).isLessThanOrEqualTo(f0 + Lbfgs.C1 * step * slope);
      assertThat(Math.abs(Lbfgs.dot(search.g, d))).isLessThanOrEqualTo(-Lbfgs.C2 * slope);
    }
  }

  @Test
  void cubicInterpolationIsExactOnACubic() {
    // phi(a) = (a - 2)^3 / 3 - (a - 2) has its local minimum at a = 3.
    double fa = Math.pow(-2, 3) / 3 + 2;
    double da = 4 - 1;
    double fb = Math.pow(3, 3) / 3 - 3;
    double db = 9 - 1;
    assertThat(Lbfgs.cubicMinimizer(0, fa, da, 5, fb, db)).isCloseTo(3, within(1e-12));
  }

  @Test
  void stopsOnRelativeDecrease() {
    Lbfgs.Result result =
        new Lbfgs(5, 1000, 0, 3, 1e-3).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertThat(result.stop()).isEqualTo(Lbfgs.Stop.DECREASE);
  }
}
