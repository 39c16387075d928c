package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.metric.ExactKl;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.IsingModel;
import org.ebmbench.model.NotNormalizableException;
import org.ebmbench.optim.Sgd;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.train.CurvePoint;
import org.ebmbench.train.Evaluation;
import org.ebmbench.train.Trainer;
import org.ebmbench.train.TrainingConfig;
import org.ebmbench.train.TrainingDivergedException;
import org.ebmbench.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** The training loop: its schedule, its mini-batches, its determinism and its failure modes. */
public abstract class TrainerContract extends EngineContract {
  private static final long SEED = 20260304L;

  private IsingModel truth() {
    return IsingModel.random(ops(), 5, 0.8, 0.3, RandomStream.derive(SEED, "truth"));
  }

  private static IsingModel uniform(Ops ops) {
    return IsingModel.of(ops, new double[5], new double[5][5]);
  }

  /** An estimator that records each batch and asks for a fixed gradient. */
  private static final class RecordingEstimator implements Estimator {
    final List<double[]> batches = new ArrayList<>();
    final double gradientValue;

    RecordingEstimator(double gradientValue) {
      this.gradientValue = gradientValue;
    }

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
      batches.add(model.ops().toHost(batch));
      model.ops().fill(gradientValue, gradientOut);
    }
  }

  /** 0, 1, ..., count - 1. */
  private static double[] numbers(int count) {
    double[] values = new double[count];
    for (int r = 0; r < count; r++) {
      values[r] = r;
    }
    return values;
  }

  /** A one-column data set whose row r holds r, so a batch shows which rows it took. */
  private Mat rowsNumbered(int rows) {
    return ops().fromHost(rows, 1, numbers(rows));
  }

  private GaussianModel standardGaussian() {
    return GaussianModel.fromNatural(ops(), new double[] {0.0}, new double[][] {{1.0}});
  }

  @Test
  void evaluatesAtTheStartEveryKStepsAndAtTheEnd() {
    IsingModel truth = truth();
    Mat data = truth.sampleExactly(100, RandomStream.derive(SEED, "data"));
    List<Integer> progress = new ArrayList<>();
    TrainingResult result =
        new Trainer(new TrainingConfig(10, 100, 4, SEED))
            .train(
                uniform(ops()),
                data,
                new ExactMle(),
                new Sgd(ops(), 0.1, 0.0),
                Evaluation.of(List.of(ExactKl.fromTruth(truth))),
                (step, steps, latest) -> progress.add(step));
    assertThat(result.curve()).extracting(CurvePoint::step).containsExactly(0, 4, 8, 10);
    assertThat(result.curve().get(0).seconds()).isZero();
    assertThat(result.curve()).extracting(CurvePoint::seconds).isSorted();
    assertThat(result.last().seconds()).isEqualTo(result.trainingSeconds());
    assertThat(result.meanSecondsPerStep()).isEqualTo(result.trainingSeconds() / 10);
    assertThat(result.curve())
        .allSatisfy(p -> assertThat(p.metrics()).containsOnlyKeys("klTrueToModel"));
    assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void miniBatchesVisitEveryRowOncePerEpoch() {
    RecordingEstimator estimator = new RecordingEstimator(0.0);
    new Trainer(new TrainingConfig(6, 4, 6, SEED))
        .train(
            standardGaussian(),
            rowsNumbered(12),
            estimator,
            new Sgd(ops(), 0.1, 0.0),
            Evaluation.none());
    for (int epoch = 0; epoch < 2; epoch++) {
      double[] seen = new double[12];
      for (int b = 0; b < 3; b++) {
        System.arraycopy(estimator.batches.get(epoch * 3 + b), 0, seen, b * 4, 4);
      }
      Arrays.sort(seen);
      assertThat(seen).as("epoch %d", epoch).containsExactly(numbers(12));
    }
    // Shuffled, not in order, and each epoch differently.
    assertThat(estimator.batches.get(0)).isNotEqualTo(new double[] {0, 1, 2, 3});
    assertThat(estimator.batches.get(0)).isNotEqualTo(estimator.batches.get(3));
  }

  @Test
  void aBatchOfEveryRowIsTheDataInOrder() {
    RecordingEstimator estimator = new RecordingEstimator(0.0);
    new Trainer(new TrainingConfig(2, 12, 2, SEED))
        .train(
            standardGaussian(),
            rowsNumbered(12),
            estimator,
            new Sgd(ops(), 0.1, 0.0),
            Evaluation.none());
    assertThat(estimator.batches)
        .allSatisfy(batch -> assertThat(batch).containsExactly(numbers(12)));
  }

  @Test
  void theSameSeedGivesTheSameCurve() {
    IsingModel truth = truth();
    Mat data = truth.sampleExactly(400, RandomStream.derive(SEED, "data"));
    TrainingResult[] runs = new TrainingResult[3];
    double[][] parameters = new double[3][];
    long[] seeds = {SEED, SEED, SEED + 1};
    for (int i = 0; i < 3; i++) {
      IsingModel model = uniform(ops());
      runs[i] =
          new Trainer(new TrainingConfig(20, 50, 5, seeds[i]))
              .train(
                  model,
                  data,
                  ContrastiveDivergence.persistent(1, new GibbsSampler()),
                  new Sgd(ops(), 0.1, 0.5),
                  Evaluation.of(List.of(ExactKl.fromTruth(truth))));
      parameters[i] = model.parameterValues();
    }
    assertThat(parameters[1]).containsExactly(parameters[0]);
    List<Map<String, Double>> first = runs[0].curve().stream().map(CurvePoint::metrics).toList();
    List<Map<String, Double>> second = runs[1].curve().stream().map(CurvePoint::metrics).toList();
    assertThat(second).isEqualTo(first);
    assertThat(parameters[2]).isNotEqualTo(parameters[0]);
  }

  @Test
  void aNonFiniteGradientStopsTheRunNamingTheStep() {
    Estimator nanAtStepThree =
        new Estimator() {
          private int calls;

          @Override
          public String describe() {
            return "nan at step 3";
          }

          @Override
          public void lossGradient(
              EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
            calls++;
            model.ops().fill(calls == 3 ? Double.NaN : 0.0, gradientOut);
          }
        };
    assertThatThrownBy(
            () ->
                new Trainer(new TrainingConfig(10, 12, 2, SEED))
                    .train(
                        standardGaussian(),
                        rowsNumbered(12),
                        nanAtStepThree,
                        new Sgd(ops(), 0.1, 0.0),
                        Evaluation.none()))
        .isInstanceOfSatisfying(
            TrainingDivergedException.class,
            e -> {
              assertThat(e.step()).isEqualTo(3);
              assertThat(e.quantity()).isEqualTo("loss gradient");
              assertThat(e.getMessage()).contains("step 3").contains("NaN");
              assertThat(e.curveSoFar()).extracting(CurvePoint::step).containsExactly(0, 2);
            });
  }

  @Test
  void overflowingParametersStopTheRun() {
    // A finite gradient of 1e300 (1e30 in float, whose largest value is 3.4e38) times a learning
    // rate of 1e10 overflows at the first step.
    double huge = ops().precision() == Precision.DOUBLE ? 1e300 : 1e30;
    assertThatThrownBy(
            () ->
                new Trainer(new TrainingConfig(5, 12, 1, SEED))
                    .train(
                        standardGaussian(),
                        rowsNumbered(12),
                        new RecordingEstimator(huge),
                        new Sgd(ops(), 1e10, 0.0),
                        Evaluation.none()))
        .isInstanceOfSatisfying(
            TrainingDivergedException.class,
            e -> {
              assertThat(e.step()).isEqualTo(1);
              assertThat(e.quantity()).isEqualTo("parameters");
              assertThat(e.getMessage()).contains("Infinity");
            });
  }

  @Test
  void aMetricThatCannotBeComputedFailsTheRun() {
    GaussianModel improper =
        GaussianModel.fromNatural(ops(), new double[] {0.0}, new double[][] {{-1.0}});
    Mat data = rowsNumbered(12);
    assertThatThrownBy(
            () ->
                new Trainer(new TrainingConfig(5, 12, 1, SEED))
                    .train(
                        improper,
                        data,
                        new RecordingEstimator(0.0),
                        new Sgd(ops(), 0.1, 0.0),
                        Evaluation.of(List.of(new HeldOutLogLikelihood(data)))))
        .isInstanceOf(NotNormalizableException.class);
  }

  @Test
  void rejectsBatchesLargerThanTheDataAndDataOfTheWrongWidth() {
    Trainer trainer = new Trainer(new TrainingConfig(5, 13, 1, SEED));
    assertThatThrownBy(
            () ->
                trainer.train(
                    standardGaussian(),
                    rowsNumbered(12),
                    new RecordingEstimator(0.0),
                    new Sgd(ops(), 0.1, 0.0),
                    Evaluation.none()))
        .hasMessageContaining("13")
        .hasMessageContaining("12 rows");
    assertThatThrownBy(
            () ->
                trainer.train(
                    uniform(ops()),
                    rowsNumbered(12),
                    new RecordingEstimator(0.0),
                    new Sgd(ops(), 0.1, 0.0),
                    Evaluation.none()))
        .hasMessageContaining("ising(n=5)");
  }
}
