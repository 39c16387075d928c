package org.ebmbench.experiments.crf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.Components;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.optim.DifferentiableFunction;
import org.ebmbench.optim.Lbfgs;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.random.RandomStream;

/**
 * The crf family's training loops, on host weight vectors starting at zero. Stochastic: each
 * step draws a mini-batch without replacement (reshuffled each epoch, from the cell seed), and
 * the suite's optimizer (on the engine) steps on -(1/B) sum_batch grad log P + (l2 / N) w, the
 * mini-batch mean of the loss divided by N. L-BFGS minimizes the full loss, with the iteration cap
 * at the cell's steps. Evaluation time is excluded from the curve's seconds.
 */
final class HostTraining {
  private HostTraining() {}

  /** Stochastic training with an sgd or adam optimizer; returns the final weights. */
  static double[] stochastic(Cell cell, HostProblem problem, Ops ops, Consumer<CurvePoint> out) {
    int n = problem.trainingSize();
    int batch = cell.batchSize();
    double[] w = new double[problem.dimension()];
    double[] gradient = new double[w.length];
    Optimizer optimizer = Components.optimizer(cell.optimizer(), ops, cell.steps());
    Mat parameters = ops.fromHost(w.length, 1, w);
    RowBatches batches = new RowBatches(n, batch, RandomStream.derive(cell.seed(), "minibatch"));
    double trainingSeconds = 0;
    out.accept(point(0, 0, problem.evaluate(w)));
    for (int step = 1; step <= cell.steps(); step++) {
      long start = System.nanoTime();
      java.util.Arrays.fill(gradient, 0);
      problem.addGradient(w, batches.next(), gradient);
      double l2 = problem.l2() / n;
      for (int k = 0; k < w.length; k++) {
        gradient[k] = -gradient[k] / batch + l2 * w[k];
      }
      optimizer.step(parameters, ops.fromHost(w.length, 1, gradient));
      System.arraycopy(ops.toHost(parameters), 0, w, 0, w.length);
      trainingSeconds += (System.nanoTime() - start) / 1e9;
      if (step % cell.evaluateEvery() == 0 || step == cell.steps()) {
        out.accept(point(step, trainingSeconds, problem.evaluate(w)));
      }
    }
    return w;
  }

  /**
   * L-BFGS on {@code objective} (the full loss); one curve point per {@code evaluateEvery}
   * iterations and at the end, each with the number of function evaluations so far.
   */
  static double[] lbfgs(
      Cell cell, HostProblem problem, DifferentiableFunction objective, Consumer<CurvePoint> out) {
    OptimizerSpec.Lbfgs spec = (OptimizerSpec.Lbfgs) cell.optimizer();
    Lbfgs lbfgs =
        new Lbfgs(spec.memory(), cell.steps(), spec.gradientTolerance(), 10, spec.relativeDecrease());
    double[] w0 = new double[problem.dimension()];
    Map<String, Double> first = new LinkedHashMap<>(problem.evaluate(w0));
    first.put("functionEvaluations", 0.0);
    out.accept(point(0, 0, first));
    long start = System.nanoTime();
    double[] evaluationSeconds = {0};
    int[] lastRecorded = {0};
    Lbfgs.Result result =
        lbfgs.minimize(
            objective,
            w0,
            (iteration, value, x, evaluations) -> {
              if (iteration % cell.evaluateEvery() == 0) {
                record(problem, iteration, x, evaluations, start, evaluationSeconds, out);
                lastRecorded[0] = iteration;
              }
            });
    if (lastRecorded[0] != result.iterations()) {
      record(
          problem, result.iterations(), result.x(), result.evaluations(), start,
          evaluationSeconds, out);
    }
    return result.x();
  }

  private static void record(
      HostProblem problem,
      int iteration,
      double[] x,
      int evaluations,
      long start,
      double[] evaluationSeconds,
      Consumer<CurvePoint> out) {
    double seconds = (System.nanoTime() - start) / 1e9 - evaluationSeconds[0];
    long evaluationStart = System.nanoTime();
    Map<String, Double> metrics = new LinkedHashMap<>(problem.evaluate(x));
    metrics.put("functionEvaluations", (double) evaluations);
    evaluationSeconds[0] += (System.nanoTime() - evaluationStart) / 1e9;
    out.accept(point(iteration, seconds, metrics));
  }

  private static CurvePoint point(long step, double seconds, Map<String, Double> metrics) {
    return new CurvePoint(step, seconds, metrics);
  }

  /** Mini-batches of row indices drawn without replacement, reshuffled each epoch. */
  private static final class RowBatches {
    private final int[] order;
    private final int[] rows;
    private final RandomStream random;
    private int position;

    RowBatches(int size, int batch, RandomStream random) {
      order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      rows = new int[batch];
      this.random = random;
      position = batch == size ? 0 : size; // the full batch needs no shuffle
    }

    int[] next() {
      if (rows.length == order.length) {
        return order;
      }
      if (position + rows.length > order.length) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        position = 0;
      }
      System.arraycopy(order, position, rows, 0, rows.length);
      position += rows.length;
      return rows;
    }
  }
}
