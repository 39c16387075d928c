package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.estimator.ScoreMatching;
import org.ebmbench.metric.ExactKl;
import org.ebmbench.metric.ParameterError;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.IsingModel;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.Sampler;
import org.ebmbench.train.Evaluation;
import org.ebmbench.train.Trainer;
import org.ebmbench.train.TrainingConfig;
import org.ebmbench.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * Each estimator learns a model whose answer is known: exact MLE and contrastive divergence on a
 * 12-spin Ising with random couplings, score matching on a 3-D Gaussian against its closed form.
 */
public abstract class EstimatorContract extends EngineContract {
  private static final long SEED = 20260302L;
  private static final int SPINS = 12;

  /**
   * Stop exact MLE when every entry of the gradient E_model[T] - mean_data[T] is below this. At
   * that point the model is within (1/2) g^T F^-1 g <= P STOP^2 / (2 lambda_min(F)) ~ 4e-10 nats of
   * the exact MLE (P = 78; lambda_min(F) ~ 0.1 here, as the descent's rate shows): negligible.
   * In a precision whose reductions round above this, the round-off bound is the threshold.
   */
  private static final double MLE_STOP = 1e-6;

  private double mleStop() {
    return Math.max(MLE_STOP, tolerances().roundOff());
  }

  /**
   * Exact draws for MLE. The MLE's own KL(true || MLE) is about chi^2_P / (2N): mean P / (2N) =
   * 3.9e-4 nats and standard deviation sqrt(2P) / (2N) = 6.2e-5 for P = 78, so the required 1e-3
   * lies ten standard deviations above it.
   */
  private static final int MLE_SAMPLES = 100_000;

  /** 12 spins, SK couplings at scale 0.5, fields of sd 0.3: KL(true || uniform) = 0.92 nats. */
  private IsingModel truth() {
    return IsingModel.random(ops(), SPINS, 0.5, 0.3, RandomStream.derive(SEED, "truth"));
  }

  /** The uniform distribution, Theta = 0: where every fit starts. */
  private IsingModel uniform() {
    return IsingModel.of(ops(), new double[SPINS], new double[SPINS][SPINS]);
  }

  // ---- exact MLE -------------------------------------------------------------------------------

  @Test
  void exactMleReachesTheTruthUpToTheStatisticalFloor() {
    Ops ops = ops();
    IsingModel truth = truth();
    Mat data = truth.sampleExactly(MLE_SAMPLES, RandomStream.derive(SEED, "mle data"));
    IsingModel model = uniform();
    ExactMle mle = new ExactMle();
    // Full-batch gradient descent with momentum, near the heavy-ball optimum for this Fisher
    // matrix (lr 0.7 without momentum diverges): 36 steps to MLE_STOP. The costliest test of the
    // kit: each step forms mean T over 100k rows.
    Sgd sgd = new Sgd(ops, 0.5, 0.5);
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    Mat magnitude = ops.zeros(model.parameterCount(), 1);
    int steps = 0;
    while (true) {
      mle.lossGradient(model, data, null, gradient);
      ops.map(UnaryFunction.ABS, gradient, magnitude);
      if (ops.max(magnitude) <= mleStop() || steps == 200) {
        break;
      }
      sgd.step(model.parameters(), gradient);
      steps++;
    }
    assertThat(ops.max(magnitude))
        .as("|gradient| after %d steps", steps)
        .isLessThanOrEqualTo(mleStop());
    assertThat(ExactKl.divergence(truth, model)).as("KL(true || MLE)").isLessThan(1e-3);

    // The MLE condition E_model[T] = mean_data[T], both sides by plain loops, independent of the
    // engine and of ExactMle: equal to the stopping threshold, plus the round-off of the sums.
    double[] modelMoments =
        new IsingBruteForce(model.fieldValues(), model.couplingValues()).expectedStatistics();
    double[] dataMoments = isingDataMoments(ops.toHost(data), SPINS);
    for (int p = 0; p < modelMoments.length; p++) {
      assertThat(modelMoments[p])
          .as("E_model[T_%d]", p)
          .isCloseTo(dataMoments[p], offset(mleStop() + tolerances().roundOff()));
    }
  }

  /** The mean of T(x) = (x_i, then x_i x_j for i < j) over the rows of {@code spins}. */
  private static double[] isingDataMoments(double[] spins, int n) {
    int rows = spins.length / n;
    double[] sums = new double[n + n * (n - 1) / 2];
    for (int r = 0; r < rows; r++) {
      int k = 0;
      for (int a = 0; a < n; a++) {
        sums[k++] += spins[r * n + a];
      }
      for (int a = 0; a < n; a++) {
        for (int b = a + 1; b < n; b++) {
          sums[k++] += spins[r * n + a] * spins[r * n + b];
        }
      }
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] /= rows;
    }
    return sums;
  }

  // ---- contrastive divergence ------------------------------------------------------------------

  /**
   * Trains from the uniform model with mini-batches of 500 for 100 steps and returns the fraction
   * of the initial KL(true || model) left. SGD noise at lr 0.1 with batches of 500 keeps any
   * stochastic estimator near 1e-2 nats here (about 1% of the initial 0.92).
   */
  private double remainingKlFraction(Estimator estimator) {
    IsingModel truth = truth();
    Mat data = truth.sampleExactly(20_000, RandomStream.derive(SEED, "cd data"));
    IsingModel model = uniform();
    TrainingResult result =
        new Trainer(new TrainingConfig(100, 500, 100, SEED))
            .train(
                model,
                data,
                estimator,
                new Sgd(ops(), 0.1, 0.0),
                Evaluation.of(List.of(ExactKl.fromTruth(truth))));
    double initial = result.curve().get(0).metrics().get("klTrueToModel");
    return result.last().metrics().get("klTrueToModel") / initial;
  }

  @Test
  void cd1LearnsTheIsingModel() {
    assertThat(remainingKlFraction(ContrastiveDivergence.cd(1, new GibbsSampler())))
        .isLessThan(0.05);
  }

  @Test
  void cd10LearnsTheIsingModel() {
    assertThat(remainingKlFraction(ContrastiveDivergence.cd(10, new GibbsSampler())))
        .isLessThan(0.05);
  }

  @Test
  void persistentCd1LearnsTheIsingModel() {
    assertThat(remainingKlFraction(ContrastiveDivergence.persistent(1, new GibbsSampler())))
        .isLessThan(0.05);
  }

  /** A deterministic stand-in sampler: records each starting state and adds 1 per step. */
  private static final class RecordingSampler implements Sampler {
    final List<double[]> starts = new ArrayList<>();

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void step(EnergyModel model, Mat states, RandomStream stream) {
      run(model, states, 1, stream);
    }

    @Override
    public void run(EnergyModel model, Mat states, int steps, RandomStream stream) {
      Ops ops = model.ops();
      starts.add(ops.toHost(states));
      ops.affine(states, 1.0, steps, states);
    }
  }

  private GaussianModel standardGaussian(int d) {
    double[][] identity = new double[d][d];
    for (int i = 0; i < d; i++) {
      identity[i][i] = 1.0;
    }
    return GaussianModel.fromNatural(ops(), new double[d], identity);
  }

  @Test
  void cdChainsStartAtTheBatchOnEveryCall() {
    Ops ops = ops();
    GaussianModel model = standardGaussian(2);
    RecordingSampler sampler = new RecordingSampler();
    ContrastiveDivergence cd = ContrastiveDivergence.cd(3, sampler);
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    double[] first = {0.5, 0.25, -0.75, 1.5}; // exact in float too
    double[] second = {-1.0, 2.0, 5.0, 7.0, 0.5, 0.25};
    cd.lossGradient(model, ops.fromHost(2, 2, first), RandomStream.of(1), gradient);
    cd.lossGradient(model, ops.fromHost(3, 2, second), RandomStream.of(2), gradient);
    assertThat(sampler.starts.get(0)).containsExactly(first);
    assertThat(sampler.starts.get(1)).containsExactly(second);
    assertThat(cd.describe()).isEqualTo("cd-3(recording)");
    assertThat(cd.isPersistent()).isFalse();
  }

  @Test
  void theRbmShortcutGivesTheGeneralPathsGradientAndChainsExactly() {
    // CD-k on a Bernoulli RBM with the Gibbs sampler takes BernoulliRbm.contrastiveGradient; it
    // must be the general path (sweeps, then two mean gradients) with the same draws, bit for bit.
    Ops ops = ops();
    BernoulliRbm model = BernoulliRbm.random(ops, 7, 5, 0.8, 0.4, RandomStream.of(96));
    Mat batch = ops.zeros(6, 7);
    ops.uniform(RandomStream.of(97), batch);
    ops.lessThan(batch, 0.5, batch);
    for (int k : new int[] {1, 3}) {
      ContrastiveDivergence cd = ContrastiveDivergence.cd(k, new GibbsSampler());
      Mat shortcut = ops.zeros(model.parameterCount(), 1);
      cd.lossGradient(model, batch, RandomStream.of(98), shortcut);

      Mat chains = ops.zeros(6, 7);
      ops.copy(batch, chains);
      new GibbsSampler().run(model, chains, k, RandomStream.of(98));
      Mat general = ops.zeros(model.parameterCount(), 1);
      model.meanParameterGradient(chains, general);
      model.addMeanParameterGradient(batch, -1.0, general);
      assertThat(ops.toHost(shortcut)).as("cd-%d gradient", k).containsExactly(ops.toHost(general));
      assertThat(ops.toHost(cd.chains())).as("cd-%d chains", k).containsExactly(ops.toHost(chains));
    }
    assertThatThrownBy(
            () -> model.contrastiveGradient(batch, ops.zeros(5, 7), 1, RandomStream.of(1),
                ops.zeros(model.parameterCount(), 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chains of 5 x 7 do not match the batch of 6 x 7");
  }

  @Test
  void persistentChainsCarryOverBetweenCalls() {
    Ops ops = ops();
    GaussianModel model = standardGaussian(2);
    RecordingSampler sampler = new RecordingSampler();
    ContrastiveDivergence pcd = ContrastiveDivergence.persistent(1, sampler);
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    double[] first = {0.5, 0.25, -0.75, 1.5}; // exact in float too
    Mat secondBatch = ops.fromHost(3, 2, new double[] {-1.0, 2.0, 5.0, 7.0, 0.5, 0.25});
    assertThatThrownBy(pcd::chains).isInstanceOf(IllegalStateException.class);

    pcd.lossGradient(model, ops.fromHost(2, 2, first), RandomStream.of(1), gradient);
    double[] afterFirst = ops.toHost(pcd.chains());
    pcd.lossGradient(model, secondBatch, RandomStream.of(2), gradient);

    assertThat(sampler.starts.get(0)).containsExactly(first);
    // Call 2 starts where call 1 left off, with the first batch's chain count (2, not 3).
    assertThat(sampler.starts.get(1)).containsExactly(afterFirst);
    assertThat(afterFirst).containsExactly(1.5, 1.25, 0.25, 2.5);
    Mat chains = pcd.chains();
    assertThat(ops.toHost(chains)).containsExactly(2.5, 2.25, 1.25, 3.5);

    // The gradient is mean T(chains) - mean T(batch).
    Mat chainMean = ops.zeros(model.parameterCount(), 1);
    Mat batchMean = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(chains, chainMean);
    model.meanParameterGradient(secondBatch, batchMean);
    ops.axpby(1.0, chainMean, -1.0, batchMean, chainMean);
    assertThat(ops.toHost(gradient)).containsExactly(ops.toHost(chainMean));
    assertThat(pcd.describe()).isEqualTo("pcd-1(recording)");
  }

  @Test
  void describeNamesTheSampler() {
    assertThat(ContrastiveDivergence.cd(10, new GibbsSampler()).describe())
        .isEqualTo("cd-10(gibbs)");
    assertThat(ContrastiveDivergence.persistent(1, new GibbsSampler()).describe())
        .isEqualTo("pcd-1(gibbs)");
    assertThatThrownBy(() -> ContrastiveDivergence.cd(0, new GibbsSampler()))
        .hasMessageContaining("got 0");
  }

  // ---- score matching --------------------------------------------------------------------------

  @Test
  void scoreMatchingConvergesToTheClosedForm() {
    Ops ops = ops();
    double[] mean = {0.5, -0.3, 0.2};
    double[][] covariance = {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 1.2}};
    GaussianModel truth = GaussianModel.fromMeanAndCovariance(ops, mean, covariance);
    int n = 2000;
    Mat data = truth.sampleExactly(n, RandomStream.derive(SEED, "score matching data"));

    // For a Gaussian, score matching is solved in closed form by the moment estimates:
    // Lambda = S^-1 with S the sample covariance (1/N), and eta = Lambda xbar.
    double[] x = ops.toHost(data);
    double[] xbar = new double[3];
    double[][] s = new double[3][3];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < 3; i++) {
        xbar[i] += x[r * 3 + i] / n;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          s[i][j] += (x[r * 3 + i] - xbar[i]) * (x[r * 3 + j] - xbar[j]) / n;
        }
      }
    }
    RealMatrix lambda =
        new LUDecomposition(MatrixUtils.createRealMatrix(s)).getSolver().getInverse();
    double[][] symmetric = lambda.getData();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < i; j++) {
        symmetric[i][j] = symmetric[j][i];
      }
    }
    double[] eta = lambda.operate(xbar);
    GaussianModel closedForm = GaussianModel.fromNatural(ops, eta, symmetric);

    GaussianModel model = standardGaussian(3);
    // The objective is quadratic, so full-batch descent with momentum converges linearly to the
    // exact minimizer: on the CPU engine the relative error is 5e-7 after 40 steps, 8e-13 after
    // 80 and at round-off (~6e-14) from 100, so 150 steps leave 1e-8 a wide margin. The closed
    // form is itself exact to round-off times the condition number of S (< 10), which bounds
    // what a lower precision can reach.
    new Trainer(new TrainingConfig(150, n, 150, SEED))
        .train(model, data, new ScoreMatching(), new Sgd(ops, 0.3, 0.5), Evaluation.none());
    assertThat(ParameterError.relative(ops, model.parameters(), closedForm.parameters()))
        .isLessThan(Math.max(1e-8, 10 * tolerances().roundOff()));
  }

  @Test
  void estimatorsNameTheCapabilityTheyNeed() {
    Mat gradient = ops().zeros(IsingModel.parameterCount(SPINS), 1);
    Mat batch = ops().zeros(2, SPINS);
    ops().fill(1.0, batch);
    assertThatThrownBy(() -> new ScoreMatching().lossGradient(truth(), batch, null, gradient))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScoreMatchable")
        .hasMessageContaining("ising(n=12)");
  }
}
