package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.IsingModel;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.LangevinSampler;
import org.ebmbench.sampler.MalaSampler;
import org.ebmbench.sampler.MetropolisHastings;
import org.ebmbench.sampler.Sampler;
import org.junit.jupiter.api.Test;

/**
 * Every sampler against a target whose law is known exactly. Each chain contributes one state, its
 * last, after a burn-in far longer than its mixing time, so the draws are independent; the draws
 * are then tested at significance {@link SamplingChecks#ALPHA} with a fixed seed.
 */
public abstract class SamplerContract extends EngineContract {
  private static final long SEED = 20260301L;

  /** Independent chains for the discrete targets: every one of the 16 states expects >= 40. */
  private static final int SPIN_CHAINS = 20_000;

  /** Independent chains for the 1-D Gaussian targets. */
  private static final int GAUSSIAN_CHAINS = 5_000;

  /**
   * Chains for the ULA test, which must also reject the true target: the KS distance between N(0,
   * 4/3) and N(0, 1) is 0.035, and at 20000 draws the 0.001 critical value is 1.95 / sqrt(20000) =
   * 0.014, so the rejection holds with a wide margin.
   */
  private static final int LANGEVIN_CHAINS = 20_000;

  /** The 1-D Gaussian target N(MEAN, SD^2). */
  private static final double MEAN = 1.5;

  private static final double SD = 0.8;

  /** A 4-spin Ising with mixed-sign couplings of moderate strength. */
  private IsingModel fourSpins() {
    double[] h = {0.3, -0.2, 0.1, 0.4};
    double[][] j = {
      {0.0, 0.5, -0.4, 0.2},
      {0.5, 0.0, 0.3, -0.6},
      {-0.4, 0.3, 0.0, 0.25},
      {0.2, -0.6, 0.25, 0.0}
    };
    return IsingModel.of(ops(), h, j);
  }

  private GaussianModel gaussian() {
    return GaussianModel.fromMeanAndCovariance(
        ops(), new double[] {MEAN}, new double[][] {{SD * SD}});
  }

  /** Runs {@code chains} chains from the all-(+1) state for {@code burnIn} steps. */
  private Mat runSpinChains(Sampler sampler, IsingModel model, int burnIn) {
    Mat states = ops().zeros(SPIN_CHAINS, model.dimension());
    ops().fill(1.0, states);
    sampler.run(model, states, burnIn, RandomStream.derive(SEED, sampler.describe()));
    return states;
  }

  /** Runs 1-D chains from x = -3 (5.6 sd below the mean) for {@code burnIn} steps. */
  private Mat runGaussianChains(Sampler sampler, EnergyModel model, int burnIn) {
    return runGaussianChains(sampler, model, burnIn, GAUSSIAN_CHAINS);
  }

  private Mat runGaussianChains(Sampler sampler, EnergyModel model, int burnIn, int chains) {
    Mat states = ops().zeros(chains, 1);
    ops().fill(-3.0, states);
    sampler.run(model, states, burnIn, RandomStream.derive(SEED, sampler.describe()));
    return states;
  }

  private void assertMatchesIsing(Mat states, IsingModel model) {
    double[] exact =
        new IsingBruteForce(model.fieldValues(), model.couplingValues()).probabilities();
    long[] counts = SamplingChecks.spinStateCounts(ops(), states);
    assertThat(SamplingChecks.chiSquarePValue(exact, counts))
        .as("chi-square p-value of the state frequencies")
        .isGreaterThan(SamplingChecks.ALPHA);
  }

  // ---- discrete targets ------------------------------------------------------------------------

  @Test
  void gibbsSamplesTheExactIsingDistribution() {
    IsingModel model = fourSpins();
    // 50 sweeps: each sweep contracts the distance to P by a factor bounded well below 1 for
    // couplings this weak, so the burn-in bias is far below the test's resolution (~1e-3).
    assertMatchesIsing(runSpinChains(new GibbsSampler(), model, 50), model);
  }

  @Test
  void metropolisFlipsSampleTheExactIsingDistribution() {
    IsingModel model = fourSpins();
    // About one site flips per proposal, so 100 steps is ~25 Gibbs sweeps' worth of moves.
    assertMatchesIsing(runSpinChains(new MetropolisHastings(), model, 100), model);
  }

  @Test
  void theIsingTestDetectsAnUnmixedChain() {
    // The same check after one MH step from the all-(+1) start: far from P, it must fail.
    IsingModel model = fourSpins();
    Mat states = runSpinChains(new MetropolisHastings(), model, 1);
    double[] exact =
        new IsingBruteForce(model.fieldValues(), model.couplingValues()).probabilities();
    assertThat(SamplingChecks.chiSquarePValue(exact, SamplingChecks.spinStateCounts(ops(), states)))
        .isLessThan(SamplingChecks.ALPHA);
  }

  // ---- continuous targets ----------------------------------------------------------------------

  @Test
  void randomWalkMetropolisSamplesTheGaussian() {
    // sigma = 2.4 sd, the classic 1-D choice; acceptance ~0.44, 300 steps mix completely.
    MetropolisHastings sampler = new MetropolisHastings(2.4 * SD);
    Mat states = runGaussianChains(sampler, gaussian(), 300);
    assertThat(SamplingChecks.normalKsPValue(ops(), states, MEAN, SD))
        .isGreaterThan(SamplingChecks.ALPHA);
  }

  @Test
  void randomWalkAcceptanceRateMatchesTheClosedForm() {
    // At stationarity on N(mu, s^2) a N(0, sigma^2) random walk accepts with probability
    // (2 / pi) arctan(2 s / sigma); the last step's rate over C chains has standard error
    // sqrt(a (1 - a) / C).
    double sigma = 2.4 * SD;
    MetropolisHastings sampler = new MetropolisHastings(sigma);
    assertThat(sampler.lastAcceptanceRate()).isNaN();
    runGaussianChains(sampler, gaussian(), 300);
    double expected = 2.0 / Math.PI * Math.atan(2.0 * SD / sigma);
    double standardError = Math.sqrt(expected * (1.0 - expected) / GAUSSIAN_CHAINS);
    assertThat(sampler.lastAcceptanceRate())
        .isCloseTo(expected, offset(SamplingChecks.Z_ALPHA * standardError));
  }

  @Test
  void malaSamplesTheGaussianExactly() {
    // eps = s^2 / 2: large enough that ULA is visibly biased (see below), which the MH
    // correction must remove.
    MalaSampler sampler = new MalaSampler(0.5 * SD * SD);
    Mat states = runGaussianChains(sampler, gaussian(), 200);
    assertThat(SamplingChecks.normalKsPValue(ops(), states, MEAN, SD))
        .isGreaterThan(SamplingChecks.ALPHA);
    assertThat(sampler.lastAcceptanceRate()).isStrictlyBetween(0.5, 1.0);
  }

  @Test
  void langevinSamplesItsOwnStationaryLawNotTheTarget() {
    // For f = -(x - mu)^2 / (2 s^2), ULA is the AR(1) chain
    // x' - mu = a (x - mu) + sqrt(2 eps) xi with a = 1 - eps / s^2, whose stationary law is
    // N(mu, 2 eps / (1 - a^2)): at eps = s^2 / 2 that is 4/3 s^2, not s^2.
    double eps = 0.5 * SD * SD;
    double a = 1.0 - eps / (SD * SD);
    double stationarySd = Math.sqrt(2.0 * eps / (1.0 - a * a));
    Mat states = runGaussianChains(new LangevinSampler(eps), gaussian(), 200, LANGEVIN_CHAINS);
    assertThat(SamplingChecks.normalKsPValue(ops(), states, MEAN, stationarySd))
        .as("ULA against its AR(1) stationary law")
        .isGreaterThan(SamplingChecks.ALPHA);
    assertThat(SamplingChecks.normalKsPValue(ops(), states, MEAN, SD))
        .as("ULA against the true target")
        .isLessThan(SamplingChecks.ALPHA);
  }

  // ---- contracts -------------------------------------------------------------------------------

  @Test
  void theSameSeedGivesTheSameChains() {
    for (Sampler sampler :
        new Sampler[] {
          new MetropolisHastings(1.0), new MalaSampler(0.1), new LangevinSampler(0.1)
        }) {
      Mat first = ops().zeros(7, 1);
      Mat second = ops().zeros(7, 1);
      sampler.run(gaussian(), first, 5, RandomStream.derive(SEED, "repeat"));
      sampler.run(gaussian(), second, 5, RandomStream.derive(SEED, "repeat"));
      assertThat(ops().toHost(second)).as(sampler.describe()).containsExactly(ops().toHost(first));
    }
  }

  @Test
  void spinChainsStaySpins() {
    IsingModel model = fourSpins();
    for (Sampler sampler : new Sampler[] {new GibbsSampler(), new MetropolisHastings()}) {
      Mat states = ops().zeros(50, 4);
      ops().fill(-1.0, states);
      sampler.run(model, states, 10, RandomStream.derive(SEED, "spins"));
      assertThat(ops().toHost(states)).as(sampler.describe()).containsOnly(-1.0, 1.0);
    }
  }

  @Test
  void samplersNameWhatTheyNeed() {
    RandomStream stream = RandomStream.derive(SEED, "errors");
    Mat continuous = ops().zeros(3, 1);
    Mat spins = ops().zeros(3, 4);
    ops().fill(1.0, spins);
    assertThatThrownBy(() -> new GibbsSampler().step(gaussian(), continuous, stream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GibbsUpdatable")
        .hasMessageContaining("gaussian(d=1)");
    assertThatThrownBy(() -> new LangevinSampler(0.1).step(fourSpins(), spins, stream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DifferentiableInX")
        .hasMessageContaining("ising(n=4)");
    assertThatThrownBy(() -> new MalaSampler(0.1).step(fourSpins(), spins, stream))
        .hasMessageContaining("DifferentiableInX");
    assertThatThrownBy(() -> new MetropolisHastings().step(gaussian(), continuous, stream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step size");
    assertThatThrownBy(() -> new MetropolisHastings().step(fourSpins(), continuous, stream))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 x 1")
        .hasMessageContaining("ising(n=4)");
    assertThatThrownBy(() -> new MalaSampler(-1.0)).hasMessageContaining("-1.0");
  }
}
