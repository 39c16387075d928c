package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.ebmbench.engine.Mat;
import org.ebmbench.model.Domain;
import org.ebmbench.model.IsingModel;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The Ising model on an engine: exact log Z and expectations against independent references (brute
 * force by plain loops, closed forms, the transfer matrix), gradients against finite differences,
 * and the exact and Gibbs samplers against exact probabilities by chi-square tests.
 *
 * <p>Expectations of +-1 statistics lie in [-1, 1] and are weighted means with weights summing to
 * one, so their round-off is absolute, of order roundOff: they are compared with an absolute
 * tolerance. log Z >= n log 2 > 0 (Jensen, since f averages to 0 over all states), so it is
 * compared relatively.
 */
public abstract class IsingContract extends EngineContract {
  /** Significance level of every chi-square test here: a correct sampler fails 1 seed in 1000. */
  private static final double ALPHA = 0.001;

  // ---- exact log Z and expectations ------------------------------------------------------------

  @Test
  void logZAndMomentsMatchBruteForceOnRandomModels() {
    RandomStream stream = RandomStream.of(11);
    for (int n : new int[] {2, 3, 5, 8, 10}) {
      double[] h = gaussians(n, 0.7, stream);
      double[][] j = symmetricCouplings(n, 1.5 / Math.sqrt(n), stream);
      DiscreteModelChecks.assertMatchesBruteForce(IsingModel.of(ops(), h, j), new IsingBruteForce(h, j), tolerances());
    }
  }

  @Test
  void logDensityMatchesPlainLoops() {
    RandomStream stream = RandomStream.of(12);
    int n = 6;
    double[] h = gaussians(n, 1.0, stream);
    double[][] j = symmetricCouplings(n, 1.0, stream);
    IsingModel model = IsingModel.of(ops(), h, j);
    double[] states = randomSpins(9, n, stream);
    Mat f = ops().zeros(9, 1);
    model.logDensityUnnormalized(ops().fromHost(9, n, states), f);
    IsingBruteForce reference = new IsingBruteForce(h, j);
    double[] actual = ops().toHost(f);
    // A sum of n(n+1)/2 terms of size ~1: absolute round-off grows with the term count.
    double tolerance = tolerances().roundOff() * IsingModel.parameterCount(n);
    for (int r = 0; r < 9; r++) {
      double expected = reference.logDensity(Arrays.copyOfRange(states, r * n, (r + 1) * n));
      assertThat(actual[r]).as("f of row %d", r).isCloseTo(expected, within(tolerance));
    }
  }

  @Test
  void independentSpinsMatchClosedForm() {
    int n = 12;
    double[] h = gaussians(n, 1.0, RandomStream.of(13));
    IsingModel model = IsingModel.of(ops(), h, new double[n][n]);
    double logZ = 0.0;
    for (double hi : h) {
      logZ += Math.log(2.0 * Math.cosh(hi));
    }
    DiscreteModelChecks.assertRelative(tolerances(), model.logPartition(), logZ, "log Z = sum log(2 cosh h_i)");
    double[] expected = DiscreteModelChecks.expectedParameterGradient(model);
    for (int a = 0; a < n; a++) {
      assertThat(expected[a])
          .as("E[x_%d] = tanh h", a)
          .isCloseTo(Math.tanh(h[a]), within(tolerances().roundOff()));
      for (int b = a + 1; b < n; b++) {
        assertThat(expected[IsingModel.couplingIndex(n, a, b)])
            .as("E[x_%d x_%d] = tanh h_a tanh h_b", a, b)
            .isCloseTo(Math.tanh(h[a]) * Math.tanh(h[b]), within(tolerances().roundOff()));
      }
    }
  }

  @Test
  void openChainMatchesTransferMatrix() {
    // n = 15: 2^15 states end on a partial chunk.
    int n = 15;
    double coupling = 0.8;
    double field = 0.3;
    IsingModel model = IsingModel.chain(ops(), n, coupling, field);
    // Z = sum over x_1..x_n of prod_i e^{H x_i} prod_i e^{K x_i x_(i+1)}: propagate the 2-vector
    // a_i(s) = sum over x_1..x_(i-1) with x_i = s, one 2 x 2 transfer step per bond.
    double[] spin = {-1.0, 1.0};
    double[] a = {Math.exp(-field), Math.exp(field)};
    for (int i = 1; i < n; i++) {
      double[] next = new double[2];
      for (int t = 0; t < 2; t++) {
        for (int s = 0; s < 2; s++) {
          next[t] += a[s] * Math.exp(coupling * spin[s] * spin[t]);
        }
        next[t] *= Math.exp(field * spin[t]);
      }
      a = next;
    }
    DiscreteModelChecks.assertRelative(tolerances(), model.logPartition(), Math.log(a[0] + a[1]), "log Z by transfer matrix");
  }

  @Test
  void zeroFieldChainCorrelationsDecayAsTanhPowers() {
    // With H = 0 the bonds of an open chain are independent: E[x_i x_j] = tanh(K)^|i - j|.
    int n = 15;
    double coupling = 0.7;
    IsingModel model = IsingModel.chain(ops(), n, coupling, 0.0);
    double[] expected = DiscreteModelChecks.expectedParameterGradient(model);
    for (int a = 0; a < n; a++) {
      assertThat(expected[a]).as("E[x_%d]", a).isCloseTo(0.0, within(tolerances().roundOff()));
      for (int b = a + 1; b < n; b++) {
        assertThat(expected[IsingModel.couplingIndex(n, a, b)])
            .as("E[x_%d x_%d]", a, b)
            .isCloseTo(Math.pow(Math.tanh(coupling), b - a), within(tolerances().roundOff()));
      }
    }
    DiscreteModelChecks.assertRelative(tolerances(), model.logPartition(),
        Math.log(2.0) + (n - 1) * Math.log(2.0 * Math.cosh(coupling)),
        "log Z = log 2 + (n - 1) log(2 cosh K)");
  }

  @Test
  void partialLastChunkMatchesBruteForce() {
    int n = 14;
    assertThat((1L << n) % IsingModel.ENUMERATION_CHUNK_ROWS)
        .as("2^n ends on a partial chunk")
        .isNotZero();
    RandomStream stream = RandomStream.of(14);
    double[] h = gaussians(n, 0.5, stream);
    double[][] j = symmetricCouplings(n, 1.0 / Math.sqrt(n), stream);
    DiscreteModelChecks.assertMatchesBruteForce(IsingModel.of(ops(), h, j), new IsingBruteForce(h, j), tolerances());
  }

  @Test
  void largeLogDensitiesInLaterChunksAreRescaledWithoutOverflow() {
    // f reaches ~840 at the all-(+1) state, the last one enumerated: exp(f) overflows, and the
    // running shift must grow chunk by chunk.
    int n = 14;
    double[] h = new double[n];
    Arrays.fill(h, 60.0);
    double[][] j = symmetricCouplings(n, 0.3, RandomStream.of(15));
    DiscreteModelChecks.assertMatchesBruteForce(IsingModel.of(ops(), h, j), new IsingBruteForce(h, j), tolerances());
  }

  @Test
  void singleSpin() {
    IsingModel model = IsingModel.of(ops(), new double[] {0.9}, new double[1][1]);
    assertThat(model.parameterCount()).isEqualTo(1);
    DiscreteModelChecks.assertRelative(tolerances(), model.logPartition(), Math.log(2.0 * Math.cosh(0.9)), "log(2 cosh h)");
    assertThat(DiscreteModelChecks.expectedParameterGradient(model)[0])
        .isCloseTo(Math.tanh(0.9), within(tolerances().roundOff()));
  }

  // ---- gradients -------------------------------------------------------------------------------

  @Test
  void expectedParameterGradientIsTheFiniteDifferenceGradientOfLogZ() {
    IsingModel model = IsingModel.random(ops(), 5, 1.0, 0.8, RandomStream.of(16));
    DiscreteModelChecks.assertExpectedGradientIsGradientOfLogZ(model, tolerances());
  }

  @Test
  void meanParameterGradientIsTheFiniteDifferenceGradientOfTheMeanLogDensity() {
    int n = 5;
    int rows = 7;
    RandomStream stream = RandomStream.of(17);
    IsingModel model = IsingModel.random(ops(), n, 1.0, 0.8, stream);
    Mat x = ops().fromHost(rows, n, randomSpins(rows, n, stream));
    DiscreteModelChecks.assertMeanGradientIsGradientOfMeanLogDensity(model, x, tolerances());
  }

  @Test
  void logZFollowsParametersWrittenInPlace() {
    IsingModel model = IsingModel.random(ops(), 6, 1.0, 0.5, RandomStream.of(18));
    IsingModel other = IsingModel.random(ops(), 6, 1.0, 0.5, RandomStream.of(19));
    model.logPartition();
    ops().copy(other.parameters(), model.parameters());
    assertThat(model.logPartition()).isEqualTo(other.logPartition());
    assertThat(DiscreteModelChecks.expectedParameterGradient(model)).containsExactly(DiscreteModelChecks.expectedParameterGradient(other));
  }

  // ---- factories and errors --------------------------------------------------------------------

  @Test
  void parametersAreFieldsThenUpperTriangleRowMajor() {
    IsingModel model = IsingModel.random(ops(), 4, 1.0, 1.0, RandomStream.of(20));
    double[] theta = model.parameterValues();
    double[][] j = model.couplingValues();
    assertThat(model.fieldValues()).containsExactly(Arrays.copyOf(theta, 4));
    assertThat(new double[] {j[0][1], j[0][2], j[0][3], j[1][2], j[1][3], j[2][3]})
        .containsExactly(Arrays.copyOfRange(theta, 4, 10));
    assertThat(IsingModel.of(ops(), model.fieldValues(), j).parameterValues())
        .containsExactly(theta);
    assertThat(model.describe()).isEqualTo("ising(n=4)");
    assertThat(model.domain()).isEqualTo(Domain.SPINS);
  }

  @Test
  void randomModelHasTheStatedScales() {
    int n = 400;
    double couplingScale = 2.0;
    double fieldScale = 0.5;
    IsingModel model = IsingModel.random(ops(), n, couplingScale, fieldScale, RandomStream.of(21));
    double[] theta = model.parameterValues();
    // The sample variance of m normal draws has relative standard error sqrt(2 / m); allow 5.
    assertVariance(Arrays.copyOf(theta, n), fieldScale * fieldScale, "fields");
    assertVariance(
        Arrays.copyOfRange(theta, n, theta.length), couplingScale * couplingScale / n, "couplings");
    assertThat(
            IsingModel.random(ops(), n, couplingScale, fieldScale, RandomStream.of(21))
                .parameterValues())
        .as("same seed, same model")
        .isEqualTo(theta);
  }

  @Test
  void copyIsIndependent() {
    IsingModel model = IsingModel.random(ops(), 5, 1.0, 1.0, RandomStream.of(22));
    IsingModel copy = model.copy();
    double[] theta = model.parameterValues();
    ops().fill(0.0, model.parameters());
    assertThat(copy.parameterValues()).containsExactly(theta);
  }

  @Test
  void tooManySpinsForEnumerationIsAClearError() {
    IsingModel model = IsingModel.random(ops(), 30, 1.0, 1.0, RandomStream.of(23));
    assertThatThrownBy(model::logPartition)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ising model with n = 30 spins is too large to enumerate exactly"
                + " (2^30 states; the limit is n <= 24)");
    assertThatThrownBy(
            () -> model.expectedParameterGradient(ops().zeros(model.parameterCount(), 1)))
        .isInstanceOf(IllegalArgumentException.class);
    IsingModel sampled = IsingModel.random(ops(), 21, 1.0, 1.0, RandomStream.of(24));
    assertThatThrownBy(() -> sampled.sampleExactly(1, RandomStream.of(25)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ising model with n = 21 spins is too large to sample exactly"
                + " (2^21 states; the limit is n <= 20)");
  }

  @Test
  void invalidParametersAreRejectedWithTheOffendingEntry() {
    double[] h = {0.1, 0.2, 0.3};
    double[][] asymmetric = {{0, 1, 0}, {1, 0, 2}, {0, 2.5, 0}};
    assertThatThrownBy(() -> IsingModel.of(ops(), h, asymmetric))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("J[1][2] = 2.0")
        .hasMessageContaining("J[2][1] = 2.5");
    double[][] diagonal = {{0, 1, 0}, {1, 0.5, 0}, {0, 0, 0}};
    assertThatThrownBy(() -> IsingModel.of(ops(), h, diagonal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("J[1][1] = 0.5");
    assertThatThrownBy(
            () -> IsingModel.of(ops(), new double[] {0, Double.NaN, 0}, new double[3][3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("h[1]");
    double[][] infinite = {
      {0, 0, Double.POSITIVE_INFINITY}, {0, 0, 0}, {Double.POSITIVE_INFINITY, 0, 0}
    };
    assertThatThrownBy(() -> IsingModel.of(ops(), h, infinite))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("J[0][2]");
    assertThatThrownBy(() -> IsingModel.of(ops(), h, new double[2][2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 x 3");
    assertThatThrownBy(() -> IsingModel.of(ops(), h, new double[][] {{0, 0, 0}, {0, 0}, {0, 0, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 of length 2");
    assertThatThrownBy(() -> IsingModel.random(ops(), 0, 1.0, 1.0, RandomStream.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n = 0");
    assertThatThrownBy(() -> IsingModel.random(ops(), 3, -1.0, 1.0, RandomStream.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("couplingScale");
    IsingModel model = IsingModel.chain(ops(), 3, 1.0, 0.0);
    assertThatThrownBy(() -> model.logDensityUnnormalized(ops().zeros(2, 4), ops().zeros(2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ising(n=3)")
        .hasMessageContaining("2 x 4");
  }

  // ---- samplers --------------------------------------------------------------------------------

  @Test
  void exactSamplesFollowTheExactProbabilities() {
    IsingSampleCheck check = new IsingSampleCheck(4, 26);
    Mat samples = check.model.sampleExactly(20_000, RandomStream.of(27));
    assertThat(samples.rows()).isEqualTo(20_000);
    check.assertFollowsExactProbabilities(samples, "exact samples");
    assertThat(ops().toHost(check.model.sampleExactly(50, RandomStream.of(28))))
        .as("same seed, same samples")
        .containsExactly(ops().toHost(check.model.sampleExactly(50, RandomStream.of(28))));
  }

  @Test
  void gibbsSweepsLeaveTheExactDistributionInvariant() {
    IsingSampleCheck check = new IsingSampleCheck(4, 29);
    Mat chains = check.model.sampleExactly(20_000, RandomStream.of(30));
    RandomStream stream = RandomStream.of(31);
    for (int sweep = 0; sweep < 3; sweep++) {
      check.model.gibbsSweep(chains, stream);
    }
    check.assertFollowsExactProbabilities(chains, "chains started exactly, after 3 sweeps");
  }

  @Test
  void gibbsChainsStartedAtAllPlusOneConverge() {
    IsingSampleCheck check = new IsingSampleCheck(4, 32);
    Mat chains = ops().zeros(20_000, 4);
    ops().fill(1.0, chains);
    RandomStream stream = RandomStream.of(33);
    // The 16 x 16 sweep matrix of this model (seed 32) has second eigenvalue modulus 0.25
    // (computed once, outside the suite): after 10 sweeps from all +1 the total variation
    // distance is 8e-7, far below the ~0.01 that 20000 chains resolve.
    for (int sweep = 0; sweep < 10; sweep++) {
      check.model.gibbsSweep(chains, stream);
    }
    check.assertFollowsExactProbabilities(chains, "chains started at all +1, after 10 sweeps");
  }

  @Test
  void gibbsSweepsAreReproducibleAndKeepSpins() {
    IsingModel model = IsingModel.random(ops(), 7, 1.0, 0.5, RandomStream.of(34));
    Mat first = ops().zeros(50, 7);
    Mat second = ops().zeros(50, 7);
    ops().fill(-1.0, first);
    ops().fill(-1.0, second);
    model.gibbsSweep(first, RandomStream.of(35));
    model.gibbsSweep(second, RandomStream.of(35));
    double[] spins = ops().toHost(first);
    assertThat(spins).containsExactly(ops().toHost(second));
    assertThat(spins).containsOnly(-1.0, 1.0).contains(1.0);
  }

  /** A random 4-spin model with its brute-force probabilities, for chi-square tests. */
  private final class IsingSampleCheck {
    final IsingModel model;
    final double[] probabilities;

    IsingSampleCheck(int n, long seed) {
      model = IsingModel.random(ops(), n, 1.0, 0.5, RandomStream.of(seed));
      probabilities =
          new IsingBruteForce(model.fieldValues(), model.couplingValues()).probabilities();
    }

    void assertFollowsExactProbabilities(Mat samples, String what) {
      int n = model.dimension();
      double[] x = ops().toHost(samples);
      long[] counts = new long[1 << n];
      for (int r = 0; r < samples.rows(); r++) {
        counts[IsingBruteForce.index(x, r, n)]++;
      }
      double minExpected = Arrays.stream(probabilities).min().orElseThrow() * samples.rows();
      assertThat(minExpected)
          .as("every expected count >= 5, for the chi-square approximation")
          .isGreaterThanOrEqualTo(5.0);
      double p = ChiSquareTest.withDefaults().test(probabilities, counts).getPValue();
      assertThat(p).as("chi-square p-value of %s (alpha = %s)", what, ALPHA).isGreaterThan(ALPHA);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertVariance(double[] values, double variance, String what) {
    double sumSquares = 0.0;
    for (double v : values) {
      sumSquares += v * v;
    }
    double estimate = sumSquares / values.length;
    assertThat(estimate)
        .as("variance of the %s", what)
        .isCloseTo(variance, within(5 * Math.sqrt(2.0 / values.length) * variance));
  }

  private static double[] gaussians(int count, double sd, RandomStream stream) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = sd * stream.nextGaussian();
    }
    return values;
  }

  private static double[][] symmetricCouplings(int n, double sd, RandomStream stream) {
    double[][] j = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        j[a][b] = sd * stream.nextGaussian();
        j[b][a] = j[a][b];
      }
    }
    return j;
  }

  private static double[] randomSpins(int rows, int n, RandomStream stream) {
    double[] x = new double[rows * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = stream.nextDouble() < 0.5 ? -1.0 : 1.0;
    }
    return x;
  }
}
