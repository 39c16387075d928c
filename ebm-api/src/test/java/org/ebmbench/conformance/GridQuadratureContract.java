package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ebmbench.data.GaussianMixture;
import org.ebmbench.data.ToyDensities;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.estimator.GridMle;
import org.ebmbench.metric.ExactKl;
import org.ebmbench.metric.GridFisherDivergence;
import org.ebmbench.metric.GridKl;
import org.ebmbench.metric.GridTarget;
import org.ebmbench.metric.QuadratureGrid;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Grid quadrature against closed forms on Gaussians: log Z, KL in both directions, the Fisher
 * divergence and the MLE gradient through the grid.
 *
 * <p>Error budget of a smooth, decaying integrand on a box that holds it (see {@link
 * QuadratureGrid}): the discretization error of the midpoint rule is about exp(-2 pi^2 s^2 / h^2)
 * for the smallest standard deviation s (here s >= 0.46 and h = 0.1: e^-418, nil), the truncation
 * error the mass beyond the box (here at least 6 standard deviations: below 1e-8). So 1e-8 bounds
 * every exact-target comparison, above the round-off of a 10^4-term sum (1e-12).
 */
public abstract class GridQuadratureContract extends EngineContract {
  private static final double GRID_ERROR = 1e-8;
  private static final double[] MEAN = {0.3, -0.2};
  private static final double[][] COVARIANCE = {{0.25, 0.1}, {0.1, 0.49}};

  private GaussianModel model() {
    return GaussianModel.fromMeanAndCovariance(ops(), MEAN, COVARIANCE);
  }

  @Test
  void logPartitionOfAGaussianMatchesItsClosedForm() {
    // Box [-4.5, 4.5]^2: the nearest edge is 4.2 / 0.7 = 6 marginal sd from the mean.
    QuadratureGrid grid = QuadratureGrid.square(ops(), 4.5, 90);
    GaussianModel gaussian = model();
    assertThat(grid.logPartition(gaussian)).isCloseTo(gaussian.logPartition(), within(GRID_ERROR));
  }

  /**
   * On a box too small for the density, the midpoint rule integrates the truncated Gaussian, and
   * its error is the Euler-Maclaurin boundary term: per axis, for the standard normal phi on [-L,
   * L], sum = (2 Phi(L) - 1) - h^2 / 24 (phi'(L) - phi'(-L)) + O(h^4) = (2 Phi(L) - 1) + h^2 L
   * phi(L) / 12 + O(h^4). With L = 1.5 and h = 0.1 the h^2 term is 1.6e-4 and the next, 7 h^4 /
   * 5760 |phi'''|, below 1e-7; the check's 1e-6 covers it.
   */
  @Test
  void onATooSmallBoxTheErrorIsTheTruncatedMassPlusTheBoundaryTerm() {
    double limit = 1.5;
    double h = 0.1;
    QuadratureGrid grid = QuadratureGrid.square(ops(), limit, 30);
    GaussianModel standard =
        GaussianModel.fromMeanAndCovariance(ops(), new double[2], new double[][] {{1, 0}, {0, 1}});
    NormalDistribution unit = NormalDistribution.of(0, 1);
    double perAxis =
        2 * unit.cumulativeProbability(limit) - 1 + h * h * limit * unit.density(limit) / 12;
    double expected = standard.logPartition() + 2 * Math.log(perAxis);
    assertThat(grid.logPartition(standard)).isCloseTo(expected, within(1e-6));
    assertThat(standard.logPartition() - grid.logPartition(standard)).isGreaterThan(0.1);
  }

  /**
   * Target p: an isotropic Gaussian (a one-component mixture); model q: the correlated one. The
   * references are ExactKl between the same two Gaussians as exponential families (a second
   * algorithm) and the Fisher divergence's closed form: with s_p - s_q = A x + b, A = Lambda_q - I /
   * s^2, b = m / s^2 - eta_q, E_p |A x + b|^2 = |A m + b|^2 + s^2 tr(A^T A).
   */
  @Test
  void klBothWaysAndFisherMatchClosedFormsForGaussians() {
    double[] m = {-0.4, 0.5};
    double s = 0.6;
    QuadratureGrid grid = QuadratureGrid.square(ops(), 6, 120);
    GridTarget target =
        GridTarget.exact(grid, new GaussianMixture("one gaussian", new double[][] {m}, s));
    GaussianModel p =
        GaussianModel.fromMeanAndCovariance(ops(), m, new double[][] {{s * s, 0}, {0, s * s}});
    GaussianModel q = model();
    assertThat(target.positiveEverywhere()).isTrue();
    assertThat(GridKl.fromData(target).evaluate(q).value())
        .isCloseTo(ExactKl.divergence(p, q), within(GRID_ERROR));
    assertThat(GridKl.toData(target).evaluate(q).value())
        .isCloseTo(ExactKl.divergence(q, p), within(GRID_ERROR));
    assertThat(GridKl.fromData(target).evaluate(p).value()).isCloseTo(0.0, within(GRID_ERROR));

    double[] theta = q.parameterValues(); // eta_1, eta_2, lambda_11, lambda_12, lambda_22
    double[][] a = {{theta[2] - 1 / (s * s), theta[3]}, {theta[3], theta[4] - 1 / (s * s)}};
    double[] b = {m[0] / (s * s) - theta[0], m[1] / (s * s) - theta[1]};
    double squaredMean = 0;
    double trace = 0;
    for (int i = 0; i < 2; i++) {
      double r = a[i][0] * m[0] + a[i][1] * m[1] + b[i];
      squaredMean += r * r;
      trace += a[i][0] * a[i][0] + a[i][1] * a[i][1];
    }
    double fisher = 0.5 * (squaredMean + s * s * trace);
    assertThat(new GridFisherDivergence(target).evaluate(q).value())
        .isCloseTo(fisher, within(GRID_ERROR * fisher));
  }

  /**
   * A histogram of N draws estimates KL(data || model) between the discretized distributions. Its
   * bias is about (occupied cells) / (2N) (the multinomial's chi-square term: ~1400 cells / 2e6 =
   * 7e-4) plus the discretization's O(h^2) (h = 0.1; 1e-3 for these curvatures); the sampling noise
   * of the sum is about sqrt(Var(log p/q) / N) = 1e-3. So 0.01 bounds the gap to the exact KL.
   */
  @Test
  void histogramTargetApproachesTheExactKl() {
    double[] m = {-0.4, 0.5};
    double s = 0.6;
    GaussianMixture one = new GaussianMixture("one gaussian", new double[][] {m}, s);
    QuadratureGrid grid = QuadratureGrid.square(ops(), 6, 120);
    GridTarget histogram =
        GridTarget.histogram(grid, one, 1_000_000, RandomStream.derive(7, "histogram"));
    double massInBox = 0;
    for (double q : histogram.masses()) {
      massInBox += q;
    }
    assertThat(massInBox).isCloseTo(1.0, within(1e-12));
    assertThat(histogram.positiveEverywhere()).isFalse();
    assertThatThrownBy(() -> GridKl.toData(histogram)).hasMessageContaining("empty cells");
    GaussianModel q = model();
    double exact = GridKl.fromData(GridTarget.exact(grid, one)).evaluate(q).value();
    assertThat(GridKl.fromData(histogram).evaluate(q).value()).isCloseTo(exact, within(0.01));
  }

  @Test
  void checkerboardTargetHasUnitMassAndNoReverseKl() {
    // Its squares' edges lie on cell boundaries (h = 0.05 divides 2 and 4.5 - 4 = 0.5).
    QuadratureGrid grid = QuadratureGrid.square(ops(), 4.5, 180);
    GridTarget board = GridTarget.exact(grid, ToyDensities.byName("checkerboard"));
    double total = 0;
    for (double q : board.masses()) {
      total += q;
    }
    assertThat(total).isCloseTo(1.0, within(tolerances().roundOff()));
    assertThat(board.positiveEverywhere()).isFalse();
    assertThat(board.hasScore()).isFalse();
    assertThatThrownBy(() -> new GridFisherDivergence(board)).hasMessageContaining("score");
  }

  @Test
  void gridMleGradientMatchesExactMle() {
    Ops ops = ops();
    QuadratureGrid grid = QuadratureGrid.square(ops, 4.5, 90);
    GaussianModel gaussian = model();
    Mat batch = ops.fromHost(3, 2, new double[] {0.1, 0.2, -0.5, 0.3, 1.0, -1.2});
    Mat viaGrid = ops.zeros(gaussian.parameterCount(), 1);
    Mat exact = ops.zeros(gaussian.parameterCount(), 1);
    new GridMle(grid).lossGradient(gaussian, batch, RandomStream.of(1), viaGrid);
    new ExactMle().lossGradient(gaussian, batch, RandomStream.of(1), exact);
    double[] expected = ops.toHost(exact);
    double[] actual = ops.toHost(viaGrid);
    for (int k = 0; k < expected.length; k++) {
      // E[T] entries are moments up to second order, so the grid error scales them by ~1.
      assertThat(actual[k]).as("gradient[%d]", k).isCloseTo(expected[k], within(GRID_ERROR));
    }
  }

  @Test
  void pointsAreRowMajorFromTheTopLeft() {
    QuadratureGrid grid = QuadratureGrid.square(ops(), 1, 2);
    assertThat(ops().toHost(grid.points()))
        .containsExactly(-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5);
    assertThat(grid.cellOf(-0.5, 0.5)).isEqualTo(0);
    assertThat(grid.cellOf(0.5, -0.5)).isEqualTo(3);
    assertThat(grid.describe()).isEqualTo("grid 2x2 on [-1.0, 1.0]^2");
  }
}
