package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.ReplayBufferCd;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.MalaSampler;
import org.ebmbench.sampler.Sampler;
import org.ebmbench.train.Trainer;
import org.ebmbench.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * Short-run CD with a replay buffer: where its chains start (exact counts, checked with a sampler
 * that does not move them), what the buffer keeps, and that it learns a Gaussian.
 */
public abstract class ReplayBufferContract extends EngineContract {
  private static final int BATCH = 40;
  private static final int CAPACITY = 100;
  private static final double HALF_WIDTH = 3;

  /** A sampler that leaves the chains where they start, so their origin stays visible. */
  private static final Sampler STILL =
      new Sampler() {
        @Override
        public String describe() {
          return "still";
        }

        @Override
        public void step(EnergyModel model, Mat states, RandomStream stream) {}
      };

  private GaussianModel gaussian() {
    return GaussianModel.fromMeanAndCovariance(
        ops(), new double[] {0.5, -0.5}, new double[][] {{1, 0}, {0, 1}});
  }

  @Test
  void chainsRestartFromTheBufferAndAFixedShareFromNoise() {
    Ops ops = ops();
    GaussianModel model = gaussian();
    ReplayBufferCd replay = new ReplayBufferCd(1, STILL, CAPACITY, 0.05, HALF_WIDTH);
    assertThat(replay.noiseChains(BATCH)).isEqualTo(2);
    Mat batch = ops.fromHost(BATCH, 2, new double[2 * BATCH]);
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    RandomStream stream = RandomStream.derive(11, "replay");

    // Empty buffer: every chain from noise, inside the box; the buffer then holds them.
    replay.lossGradient(model, batch, stream, gradient);
    double[] first = ops.toHost(replay.chains(ops));
    for (double v : first) {
      assertThat(v).isBetween(-HALF_WIDTH, HALF_WIDTH);
    }
    assertThat(new HashSet<>(rows(first))).hasSize(BATCH);
    assertThat(replay.bufferContents(ops)).containsExactly(first);

    // Then: the first 38 chains are buffer states, the last 2 fresh noise.
    Set<List<Double>> before = new HashSet<>(rows(replay.bufferContents(ops)));
    replay.lossGradient(model, batch, stream, gradient);
    double[] second = ops.toHost(replay.chains(ops));
    List<List<Double>> chains = rows(second);
    for (int r = 0; r < BATCH; r++) {
      assertThat(before.contains(chains.get(r))).as("chain %d from the buffer", r).isEqualTo(r < 38);
    }
    assertThat(replay.bufferSize()).isEqualTo(2 * BATCH);

    // A third call fills the buffer past capacity: it keeps the latest 100 states, oldest first.
    replay.lossGradient(model, batch, stream, gradient);
    double[] third = ops.toHost(replay.chains(ops));
    assertThat(replay.bufferSize()).isEqualTo(CAPACITY);
    double[] expected = new double[2 * CAPACITY];
    System.arraycopy(first, 2 * (3 * BATCH - CAPACITY), expected, 0, 2 * (CAPACITY - 2 * BATCH));
    System.arraycopy(second, 0, expected, 2 * (CAPACITY - 2 * BATCH), 2 * BATCH);
    System.arraycopy(third, 0, expected, 2 * (CAPACITY - BATCH), 2 * BATCH);
    assertThat(replay.bufferContents(ops)).containsExactly(expected);
  }

  @Test
  void gradientIsTheChainMeanMinusTheBatchMeanOfTheStatistics() {
    Ops ops = ops();
    GaussianModel model = gaussian();
    ReplayBufferCd replay = new ReplayBufferCd(1, STILL, CAPACITY, 0.05, HALF_WIDTH);
    Mat batch = ops.fromHost(3, 2, new double[] {0.1, 0.2, -0.5, 0.3, 1.0, -1.2});
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    replay.lossGradient(model, batch, RandomStream.of(5), gradient);
    Mat chainMean = ops.zeros(model.parameterCount(), 1);
    Mat batchMean = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(replay.chains(ops), chainMean);
    model.meanParameterGradient(batch, batchMean);
    double[] expected = ops.toHost(chainMean);
    double[] data = ops.toHost(batchMean);
    double[] actual = ops.toHost(gradient);
    for (int k = 0; k < expected.length; k++) {
      assertThat(actual[k]).isCloseTo(expected[k] - data[k], within(tolerances().roundOff()));
    }
  }

  @Test
  void aBufferLargerThanTheBatchKeepsEveryChainAndTheSameSeedRepeats() {
    Ops ops = ops();
    Mat batch = ops.zeros(BATCH, 2);
    double[][] runs = new double[2][];
    for (int run = 0; run < 2; run++) {
      ReplayBufferCd replay = new ReplayBufferCd(1, STILL, 1000, 0.05, HALF_WIDTH);
      RandomStream stream = RandomStream.derive(3, "repeat");
      for (int call = 0; call < 5; call++) {
        replay.lossGradient(gaussian(), batch, stream, ops.zeros(5, 1));
      }
      assertThat(replay.bufferSize()).isEqualTo(5 * BATCH);
      runs[run] = replay.bufferContents(ops);
    }
    assertThat(runs[0]).containsExactly(runs[1]);
    assertThatThrownBy(() -> new ReplayBufferCd(1, STILL, 10, 1.5, 1))
        .hasMessageContaining("noise fraction must be in [0, 1], got 1.5");
  }

  /**
   * Learns N(1, 0.5^2) in 1-D from N(0, 1) with MALA chains (exactly invariant, so the only bias is
   * the chains' distance from equilibrium), SGD with momentum (lr 0.05, 0.9), 800 steps of 100 rows.
   * Data: 4000 exact draws, whose own mean and standard deviation err by 0.5 / sqrt(4000) = 0.008
   * and 0.006. The final iterate also jitters with the step size: over seeds 1-3, exact MLE with
   * the same optimizer and schedule ended up to 0.04 from the truth in the mean and 0.02 in the
   * standard deviation, this estimator up to 0.03 and 0.02. The tolerances 0.1 and 0.05 are 2.5
   * times those; the start is 1 away in the mean and 0.5 in the standard deviation.
   */
  @Test
  void learnsTheMeanAndSpreadOfAGaussian() {
    Ops ops = ops();
    GaussianModel truth =
        GaussianModel.fromMeanAndCovariance(ops, new double[] {1}, new double[][] {{0.25}});
    Mat data = truth.sampleExactly(4000, RandomStream.derive(2, "data"));
    GaussianModel model =
        GaussianModel.fromMeanAndCovariance(ops, new double[] {0}, new double[][] {{1}});
    ReplayBufferCd replay = new ReplayBufferCd(10, new MalaSampler(0.05), 10_000, 0.05, 4);
    new Trainer(new TrainingConfig(800, 100, 800, 2))
        .train(model, data, replay, new Sgd(ops, 0.05, 0.9), m -> Map.of());
    assertThat(model.mean()[0]).isCloseTo(1.0, within(0.1));
    assertThat(Math.sqrt(model.covariance()[0][0])).isCloseTo(0.5, within(0.05));
  }

  private static List<List<Double>> rows(double[] values) {
    List<List<Double>> rows = new ArrayList<>();
    for (int r = 0; r < values.length / 2; r++) {
      rows.add(Arrays.asList(values[2 * r], values[2 * r + 1]));
    }
    return rows;
  }
}
