package org.ebmbench.train;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.random.RandomStream;

/**
 * The training loop: {@code steps} optimizer steps on mini-batches, with evaluations at step 0,
 * every {@code evaluateEvery} steps and at the end.
 *
 * <p>Time is training time only: each step's batch, gradient, update and divergence check are
 * timed, evaluations and progress callbacks are not. Randomness comes from two streams derived from
 * the seed ("minibatch" and "estimator"), so a run is determined by its seed: the same seed gives
 * the same curve apart from the seconds. After every step the loss gradient and the parameters are
 * checked; a non-finite value stops the run with a {@link TrainingDivergedException}.
 */
public final class Trainer {
  private final TrainingConfig config;

  /** A trainer that runs {@code config}'s schedule. */
  public Trainer(TrainingConfig config) {
    this.config = config;
  }

  /** Trains without reporting progress. */
  public TrainingResult train(
      EnergyModel model,
      Mat data,
      Estimator estimator,
      Optimizer optimizer,
      Evaluation evaluation) {
    return train(model, data, estimator, optimizer, evaluation, ProgressListener.none());
  }

  /**
   * Trains {@code model} in place on the rows of {@code data}.
   *
   * @throws TrainingDivergedException if the loss gradient or the parameters become non-finite
   */
  public TrainingResult train(
      EnergyModel model,
      Mat data,
      Estimator estimator,
      Optimizer optimizer,
      Evaluation evaluation,
      ProgressListener progress) {
    Capabilities.requireRowsOf(model, data, "training data");
    Ops ops = model.ops();
    MiniBatches batches =
        new MiniBatches(
            ops, data, config.batchSize(), RandomStream.derive(config.seed(), "minibatch"));
    RandomStream estimatorStream = RandomStream.derive(config.seed(), "estimator");
    Mat gradient = ops.zeros(model.parameterCount(), 1);
    Mat magnitudes = ops.zeros(model.parameterCount(), 1);

    List<CurvePoint> curve = new ArrayList<>();
    CurvePoint latest = new CurvePoint(0, 0.0, evaluation.evaluate(model));
    curve.add(latest);
    long trainingNanos = 0;
    for (int step = 1; step <= config.steps(); step++) {
      long start = System.nanoTime();
      estimator.lossGradient(model, batches.next(), estimatorStream, gradient);
      requireFinite(ops, gradient, magnitudes, step, "loss gradient", curve);
      optimizer.step(model.parameters(), gradient);
      requireFinite(ops, model.parameters(), magnitudes, step, "parameters", curve);
      trainingNanos += System.nanoTime() - start;

      if (step % config.evaluateEvery() == 0 || step == config.steps()) {
        latest = new CurvePoint(step, trainingNanos * 1e-9, evaluation.evaluate(model));
        curve.add(latest);
      }
      progress.onStep(step, config.steps(), latest);
    }
    return new TrainingResult(curve, config.steps(), trainingNanos * 1e-9);
  }

  /** Throws naming the step, the quantity and its first non-finite entry, if there is one. */
  private static void requireFinite(
      Ops ops, Mat values, Mat magnitudes, int step, String quantity, List<CurvePoint> curve) {
    ops.map(UnaryFunction.ABS, values, magnitudes);
    if (Double.isFinite(ops.max(magnitudes))) {
      return;
    }
    double[] host = ops.toHost(values);
    int index = 0;
    while (Double.isFinite(host[index])) {
      index++;
    }
    throw new TrainingDivergedException(
        step, quantity, "has entry " + index + " = " + host[index], curve);
  }
}
