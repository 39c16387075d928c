package org.ebmbench.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ebmbench.engine.Mat;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.metric.Metric;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.NotNormalizableException;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.train.Evaluation;
import org.ebmbench.train.Trainer;
import org.ebmbench.train.TrainingConfig;
import org.ebmbench.train.TrainingDivergedException;
import org.ebmbench.train.TrainingResult;

/**
 * Runs the API's {@link Trainer} for one cell and streams its evaluations as results curve
 * points as soon as they are made: the runner can then stop a cell at its first non-finite
 * metric, and a failed cell keeps the curve up to its failure. Metrics are recorded under their
 * own names ({@link Metric#name()}), a Monte Carlo estimate's standard error under the name plus
 * "StdErr" ({@link Evaluation#of}).
 */
public final class Training {
  private Training() {}

  /**
   * Trains {@code model} in place on {@code train} with the cell's steps, batch size, evaluation
   * interval and seed.
   *
   * @throws CellFailedException if training diverges, the model stops being normalizable or the
   *     cell's {@link TimeLimit} is exceeded (checked after every step)
   */
  public static void run(
      Cell cell,
      EnergyModel model,
      Mat train,
      Estimator estimator,
      Optimizer optimizer,
      List<? extends Metric> metrics,
      Consumer<CurvePoint> curve) {
    TrainingConfig config =
        new TrainingConfig(cell.steps(), cell.batchSize(), cell.evaluateEvery(), cell.seed());
    long[] lastEmitted = {-1};
    Consumer<org.ebmbench.train.CurvePoint> emit =
        p -> {
          if (p.step() > lastEmitted[0]) {
            lastEmitted[0] = p.step();
            curve.accept(new CurvePoint(p.step(), p.seconds(), p.metrics()));
          }
        };
    Evaluation evaluation = Evaluation.of(metrics);
    // The trainer reports each new evaluation to its listener, except the first (step 0) when
    // the second follows at once; the evaluation itself emits step 0.
    Evaluation first =
        m -> {
          Map<String, Double> values = evaluation.evaluate(m);
          if (lastEmitted[0] < 0) {
            emit.accept(new org.ebmbench.train.CurvePoint(0, 0.0, values));
          }
          return values;
        };
    try {
      TrainingResult result =
          new Trainer(config)
              .train(
                  model, train, estimator, optimizer, first,
                  (step, steps, latest) -> {
                    emit.accept(latest);
                    TimeLimit.check(step);
                  });
      result.curve().forEach(emit);
    } catch (TrainingDivergedException e) {
      e.curveSoFar().forEach(emit);
      throw new CellFailedException(e.getMessage());
    } catch (NotNormalizableException e) {
      throw new CellFailedException(
          "the learned model is not normalizable after step " + Math.max(0, lastEmitted[0]) + ": "
              + e.getMessage());
    }
  }
}
