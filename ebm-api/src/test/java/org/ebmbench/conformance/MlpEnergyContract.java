package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ebmbench.conformance.ContinuousModelChecks.assertParameterGradient;
import static org.ebmbench.conformance.ContinuousModelChecks.points;

import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.DirectionalDerivatives.Direction;
import org.ebmbench.model.DirectionalDerivatives.DirectionWeights;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * MLP energies: every derivative (in x, in Theta, and the mixed ones behind the score-matching
 * objectives) against central differences, for each activation. The networks are small (3-5-4-1,
 * two hidden layers so that the second-tangent recursion runs through a hidden layer) and their
 * parameters O(1), so f and its derivatives are O(1..10): the finite-difference budget of {@link
 * Tolerances#finiteDifference()} applies as derived there.
 */
public abstract class MlpEnergyContract extends EngineContract {
  private static final int[] WIDTHS = {3, 5, 4, 1};

  /** A network with weights of scale ~1 (larger than the default init, for sizeable curvature). */
  private MlpEnergy network(Activation activation, int[] widths) {
    RandomStream stream = RandomStream.of(41);
    double[] theta = new double[MlpEnergy.parameterCount(widths)];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.8 * stream.nextGaussian();
    }
    return MlpEnergy.fromParameters(ops(), widths, activation, theta);
  }

  private Mat x(int rows, int dimension) {
    return points(ops(), rows, dimension, 1.0, 7);
  }

  @Test
  void describesItselfAndCountsParameters() {
    MlpEnergy model = network(Activation.SILU, WIDTHS);
    assertThat(model.describe()).isEqualTo("mlp(3-5-4-1,silu)");
    assertThat(model.parameterCount()).isEqualTo(3 * 5 + 5 + 5 * 4 + 4 + 4 + 1);
    assertThatThrownBy(() -> MlpEnergy.parameterCount(new int[] {2, 8, 2}))
        .hasMessageContaining("2-8-2");
  }

  @Test
  void initializationIsSeededAndBoundedByFanIn() {
    int[] widths = {2, 16, 1};
    MlpEnergy a = MlpEnergy.initialized(ops(), widths, Activation.TANH, RandomStream.of(3));
    MlpEnergy b = MlpEnergy.initialized(ops(), widths, Activation.TANH, RandomStream.of(3));
    double[] theta = ops().toHost(a.parameters());
    assertThat(theta).containsExactly(ops().toHost(b.parameters()));
    // Layer 0 (fan-in 2) fills the first 48 entries, then the output layer (fan-in 16).
    for (int i = 0; i < theta.length; i++) {
      double bound = i < 48 ? 1 / Math.sqrt(2) : 1 / Math.sqrt(16);
      assertThat(Math.abs(theta[i])).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void logDensityMatchesAHandWrittenNetwork() {
    double[] theta = {
      0.5, -1.0, // W0 (1 x 2)
      0.25, 0.1, // b0
      2.0, -0.5, // w (2 x 1)
      0.3 // c
    };
    MlpEnergy model = MlpEnergy.fromParameters(ops(), new int[] {1, 2, 1}, Activation.TANH, theta);
    Mat f = ops().zeros(2, 1);
    model.logDensityUnnormalized(ops().fromHost(2, 1, new double[] {0.7, -1.2}), f);
    double[] values = ops().toHost(f);
    for (int i = 0; i < 2; i++) {
      double x = i == 0 ? 0.7 : -1.2;
      double expected = 2.0 * Math.tanh(0.5 * x + 0.25) - 0.5 * Math.tanh(-x + 0.1) + 0.3;
      assertThat(values[i]).isCloseTo(expected, within(tolerances().roundOff()));
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientAndLaplacianInXMatchDifferences(Activation activation) {
    MlpEnergy model = network(activation, WIDTHS);
    ContinuousModelChecks.assertGradientXMatchesDifferences(model, x(6, 3), tolerances());
    ContinuousModelChecks.assertLaplacianXMatchesDifferences(model, x(6, 3), tolerances());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void parameterGradientsMatchDifferences(Activation activation) {
    MlpEnergy model = network(activation, WIDTHS);
    Mat x = x(6, 3);
    ContinuousModelChecks.assertMeanParameterGradientMatchesDifferences(model, x, tolerances());
    Mat weights = points(ops(), 6, 1, 1.0, 11);
    Mat gradient = ops().zeros(model.parameterCount(), 1);
    model.weightedParameterGradient(x, weights, gradient);
    Mat f = ops().zeros(6, 1);
    assertParameterGradient(
        model,
        ops().toHost(gradient),
        tolerances().finiteDifferenceStep(),
        tolerances(),
        m -> {
          m.logDensityUnnormalized(x, f);
          ops().multiply(f, weights, f);
          return ops().sum(f);
        },
        "weighted sum of f");
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void scoreMatchingGradientMatchesDifferences(Activation activation) {
    MlpEnergy model = network(activation, WIDTHS);
    ContinuousModelChecks.assertScoreMatchingGradientMatchesDifferences(model, x(6, 3), tolerances());
  }

  /** d = 11 > 8 unit directions: the objective is summed over more than one chunk of blocks. */
  @Test
  void scoreMatchingObjectiveSpansSeveralChunks() {
    int[] widths = {11, 4, 3, 1};
    MlpEnergy model = network(Activation.SOFTPLUS, widths);
    Mat x = x(3, 11);
    ContinuousModelChecks.assertScoreMatchingGradientMatchesDifferences(model, x, tolerances());
    // J itself against its definition from gradientX and laplacianX.
    Mat gradient = ops().zeros(3, 11);
    Mat laplacian = ops().zeros(3, 1);
    model.gradientX(x, gradient);
    model.laplacianX(x, laplacian);
    ops().multiply(gradient, gradient, gradient);
    double expected = (0.5 * ops().sum(gradient) + ops().sum(laplacian)) / 3;
    double objective = model.scoreMatchingObjective(x, ops().zeros(model.parameterCount(), 1));
    assertThat(objective)
        .isCloseTo(expected, within(tolerances().roundOff() * Math.max(1, Math.abs(expected))));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void hessianVectorProductMatchesDifferencesOfTheGradient(Activation activation) {
    MlpEnergy model = network(activation, WIDTHS);
    Ops ops = ops();
    int n = 5;
    double[] x = ops.toHost(x(n, 3));
    double[] v = ops.toHost(points(ops, n, 3, 1.0, 13));
    Mat product = ops.zeros(n, 3);
    model.hessianVectorProduct(ops.fromHost(n, 3, x), ops.fromHost(n, 3, v), product);
    double[] analytic = ops.toHost(product);
    Mat shortV = ops.zeros(n - 1, 3);
    assertThatThrownBy(() -> model.hessianVectorProduct(ops.fromHost(n, 3, x), shortV, product))
        .hasMessageContaining("hessianVectorProduct: v: 4 x 3 does not fit x 5 x 3");
    // (grad f(x + h v) - grad f(x - h v)) / 2h per row: same error budget as the Laplacian check.
    double h = tolerances().finiteDifferenceStep();
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int i = 0; i < x.length; i++) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    Mat up = ops.zeros(n, 3);
    Mat down = ops.zeros(n, 3);
    model.gradientX(ops.fromHost(n, 3, plus), up);
    model.gradientX(ops.fromHost(n, 3, minus), down);
    double[] u = ops.toHost(up);
    double[] w = ops.toHost(down);
    for (int i = 0; i < analytic.length; i++) {
      assertThat((u[i] - w[i]) / (2 * h))
          .as("(H v)[%d] of %s", i, model.describe())
          .isCloseTo(
              analytic[i],
              within(tolerances().finiteDifference() * Math.max(1, Math.abs(analytic[i]))));
    }
  }

  /**
   * The pass behind sliced and denoising score matching: the directional derivatives it reports are
   * v . grad f and v . (H v) from gradientX and hessianVectorProduct, and the Theta-gradient of
   * sum_i alpha_i v_i . grad f + beta_i v_i^T H v_i (fixed alpha, beta; two blocks, one without
   * curvature) matches central differences: the mixed second derivatives.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void directionalParameterGradientMatchesDifferences(Activation activation) {
    MlpEnergy model = network(activation, WIDTHS);
    Ops ops = ops();
    int n = 5;
    Mat x = x(n, 3);
    List<Direction> directions =
        List.of(
            Direction.fixed(points(ops, n, 3, 1.0, 17), true),
            Direction.fixed(points(ops, n, 3, 1.0, 19), false));
    Mat[] alpha = {points(ops, n, 1, 1.0, 23), points(ops, n, 1, 1.0, 29)};
    Mat beta = points(ops, n, 1, 1.0, 31);
    double[][] firsts = new double[2][];
    double[] curvature = new double[1];
    double[] total = new double[1];
    DirectionWeights weights =
        (block, v, first, curv, alphaOut, betaOut) -> {
          firsts[block] = ops.toHost(first);
          ops.copy(alpha[block], alphaOut);
          total[0] += dot(ops, first, alpha[block]);
          if (curv != null) {
            curvature[0] = dot(ops, curv, beta);
            total[0] += curvature[0];
            ops.copy(beta, betaOut);
          }
          assertThat(curv == null).isEqualTo(block == 1);
        };
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    model.directionalParameterGradient(x, directions, weights, gradient);

    Mat score = ops.zeros(n, 3);
    Mat product = ops.zeros(n, 3);
    model.gradientX(x, score);
    model.hessianVectorProduct(x, directions.get(0).offset(), product);
    double[] s = ops.toHost(score);
    double[] hv = ops.toHost(product);
    double expectedCurvature = 0;
    double[] b = ops.toHost(beta);
    for (int block = 0; block < 2; block++) {
      double[] v = ops.toHost(directions.get(block).offset());
      for (int i = 0; i < n; i++) {
        double first = 0;
        double curv = 0;
        for (int k = 0; k < 3; k++) {
          first += v[i * 3 + k] * s[i * 3 + k];
          curv += v[i * 3 + k] * hv[i * 3 + k];
        }
        double tolerance = tolerances().roundOff() * Math.max(1, Math.abs(first));
        assertThat(firsts[block][i]).isCloseTo(first, within(tolerance));
        if (block == 0) {
          expectedCurvature += b[i] * curv;
        }
      }
    }
    assertThat(curvature[0])
        .isCloseTo(
            expectedCurvature,
            within(tolerances().roundOff() * Math.max(1, Math.abs(expectedCurvature))));

    assertParameterGradient(
        model,
        ops.toHost(gradient),
        tolerances().finiteDifferenceStep(),
        tolerances(),
        m -> {
          total[0] = 0;
          Mat ignored = ops.zeros(m.parameterCount(), 1);
          ((MlpEnergy) m).directionalParameterGradient(x, directions, weights, ignored);
          return total[0];
        },
        "weighted directional derivatives");
  }

  /**
   * A direction formed from the score inside the pass (v = 0.5 grad f + offset, with curvature)
   * gives the same directional derivatives and Theta-gradient as the same v computed outside and
   * passed as a fixed direction.
   */
  @Test
  void scoreBasedDirectionEqualsTheFixedDirectionItForms() {
    MlpEnergy model = network(Activation.SOFTPLUS, WIDTHS);
    Ops ops = ops();
    int n = 5;
    Mat x = x(n, 3);
    Mat offset = points(ops, n, 3, 1.0, 43);
    Mat v = ops.zeros(n, 3);
    model.gradientX(x, v);
    ops.axpby(0.5, v, 1.0, offset, v);
    Mat beta = points(ops, n, 1, 1.0, 47);
    double[][] seen = new double[2][];
    Mat[] gradients = {ops.zeros(model.parameterCount(), 1), ops.zeros(model.parameterCount(), 1)};
    List<Direction> formed = List.of(new Direction(offset, 0.5, true));
    List<Direction> fixed = List.of(Direction.fixed(v, true));
    for (int run = 0; run < 2; run++) {
      int r = run;
      model.directionalParameterGradient(
          x,
          run == 0 ? formed : fixed,
          (block, direction, first, curvature, alpha, betaOut) -> {
            double[] a = ops.toHost(direction);
            double[] f = ops.toHost(first);
            double[] c = ops.toHost(curvature);
            seen[r] = new double[a.length + f.length + c.length];
            System.arraycopy(a, 0, seen[r], 0, a.length);
            System.arraycopy(f, 0, seen[r], a.length, f.length);
            System.arraycopy(c, 0, seen[r], a.length + f.length, c.length);
            ops.copy(first, alpha);
            ops.copy(beta, betaOut);
          },
          gradients[run]);
    }
    assertClose(seen[0], seen[1], "direction, v . grad f, v^T H v");
    assertClose(ops.toHost(gradients[0]), ops.toHost(gradients[1]), "Theta-gradient");
  }

  /**
   * More rows than one pass takes (4096): f, grad f, the Laplacian and the weighted Theta-gradient
   * equal those of the two parts computed separately (the gradient the sum of the parts'), up to
   * round-off.
   */
  @Test
  void largeInputsGoThroughInSlices() {
    MlpEnergy model = network(Activation.TANH, WIDTHS);
    Ops ops = ops();
    int n = 4096 + 7;
    double[] all = ops.toHost(x(n, 3));
    double[] weights = ops.toHost(points(ops, n, 1, 1.0, 37));
    double[] f = new double[n];
    double[] score = new double[n * 3];
    double[] laplacian = new double[n];
    double[] gradient = new double[model.parameterCount()];
    for (int[] part : new int[][] {{0, 4000}, {4000, n}}) {
      int rows = part[1] - part[0];
      Mat x = ops.fromHost(rows, 3, java.util.Arrays.copyOfRange(all, part[0] * 3, part[1] * 3));
      Mat w = ops.fromHost(rows, 1, java.util.Arrays.copyOfRange(weights, part[0], part[1]));
      Mat out = ops.zeros(rows, 1);
      model.logDensityUnnormalized(x, out);
      System.arraycopy(ops.toHost(out), 0, f, part[0], rows);
      model.laplacianX(x, out);
      System.arraycopy(ops.toHost(out), 0, laplacian, part[0], rows);
      Mat g = ops.zeros(rows, 3);
      model.gradientX(x, g);
      System.arraycopy(ops.toHost(g), 0, score, part[0] * 3, rows * 3);
      Mat theta = ops.zeros(model.parameterCount(), 1);
      model.weightedParameterGradient(x, w, theta);
      double[] t = ops.toHost(theta);
      for (int j = 0; j < t.length; j++) {
        gradient[j] += t[j];
      }
    }
    Mat x = ops.fromHost(n, 3, all);
    Mat out = ops.zeros(n, 1);
    model.logDensityUnnormalized(x, out);
    assertClose(ops.toHost(out), f, "f");
    model.laplacianX(x, out);
    assertClose(ops.toHost(out), laplacian, "Laplacian");
    Mat g = ops.zeros(n, 3);
    model.gradientX(x, g);
    assertClose(ops.toHost(g), score, "grad f");
    Mat theta = ops.zeros(model.parameterCount(), 1);
    model.weightedParameterGradient(x, ops.fromHost(n, 1, weights), theta);
    assertClose(ops.toHost(theta), gradient, "weighted Theta-gradient");
    // The mean gradient is the weighted one with weights 1/n (padded rows count for nothing).
    Mat uniform = ops.zeros(n, 1);
    ops.fill(1.0 / n, uniform);
    model.weightedParameterGradient(x, uniform, theta);
    Mat mean = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(x, mean);
    assertClose(ops.toHost(mean), ops.toHost(theta), "mean Theta-gradient");
  }

  /** Agreement to round-off of sums over up to ~10^4 rows, relative to max(1, |expected|). */
  private void assertClose(double[] actual, double[] expected, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("%s[%d]", what, i)
          .isCloseTo(
              expected[i],
              within(tolerances().roundOff() * Math.max(1, Math.abs(expected[i]))));
    }
  }

  @Test
  void copyIsIndependent() {
    MlpEnergy model = network(Activation.SILU, WIDTHS);
    MlpEnergy copy = model.copy();
    assertThat(copy.describe()).isEqualTo(model.describe());
    ops().fill(0.0, copy.parameters());
    Mat f = ops().zeros(2, 1);
    model.logDensityUnnormalized(x(2, 3), f);
    assertThat(ops().toHost(f)).doesNotContain(0.0);
  }

  private static double dot(Ops ops, Mat a, Mat b) {
    Mat product = ops.zeros(a.rows(), 1);
    ops.multiply(a, b, product);
    return ops.sum(product);
  }
}
