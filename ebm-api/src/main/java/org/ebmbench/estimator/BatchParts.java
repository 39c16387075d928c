package org.ebmbench.estimator;

import java.util.function.Supplier;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ParameterSharing;
import org.ebmbench.random.RandomStream;

/**
 * An estimator run on a fixed number of parts of each batch, possibly at the same time ({@link
 * Ops#inParts}): part p takes a contiguous block of rows, its own instance of the estimator, a view
 * of the model on the same parameters ({@link ParameterSharing}) and its own random stream, and
 * the parts' gradients are averaged, weighted by their rows. For estimators whose loss is a mean
 * over the batch's rows (all of this package's), that is the gradient of the same loss; only the
 * random draws and the order of the sums differ from one part. The number of parts is fixed by the
 * caller, never by the engine's threads, so the same seed gives the same numbers on any number of
 * threads.
 *
 * <p>Why: on two cores, splitting every operation of a small network's step (256 x 128 matrices,
 * tens of microseconds each) across both cost more than it saved, while two halves of the batch,
 * each a whole step on one core, ran 1.3-1.6 times as fast as one core (docs/BENCHMARKS.md,
 * "Two halves of the batch").
 */
public final class BatchParts implements Estimator {
  private final Estimator[] estimators;

  private EnergyModel model;
  private EnergyModel[] views;
  private Mat[] batches;
  private Mat[] gradients;

  /**
   * @param parts the number of parts, at least 2
   * @param estimator makes one instance of the estimator per part
   */
  public BatchParts(int parts, Supplier<Estimator> estimator) {
    if (parts < 2) {
      throw new IllegalArgumentException("a batch splits into at least 2 parts, got " + parts);
    }
    estimators = new Estimator[parts];
    for (int p = 0; p < parts; p++) {
      estimators[p] = estimator.get();
    }
  }

  /** The estimator's own name: the parts change how it runs, not what it estimates. */
  @Override
  public String describe() {
    return estimators[0].describe();
  }

  /**
   * @throws IllegalArgumentException if the model cannot share its parameters or the batch has
   *     fewer rows than parts
   */
  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    int parts = estimators.length;
    int n = batch.rows();
    if (n < parts) {
      throw new IllegalArgumentException(
          "a batch of " + n + " rows cannot split into " + parts + " parts");
    }
    prepare(model, batch, gradientOut);
    Ops ops = model.ops();
    int cols = batch.cols();
    for (int p = 0; p < parts; p++) {
      ops.copyRange(batch, first(p, n) * cols, batches[p], 0, batches[p].rows() * cols);
    }
    // One draw per step seeds every part's stream, so the parts draw anew at each step.
    long seed = stream.provider().nextLong();
    ops.inParts(parts, p -> estimators[p].lossGradient(
        views[p], batches[p], RandomStream.derive(seed, "part " + p), gradients[p]));
    ops.fill(0.0, gradientOut);
    for (int p = 0; p < parts; p++) {
      ops.axpby((double) batches[p].rows() / n, gradients[p], 1.0, gradientOut, gradientOut);
    }
  }

  /** The first row of part p of n rows: the parts' sizes differ by at most one. */
  private int first(int p, int n) {
    return (int) ((long) p * n / estimators.length);
  }

  /** Views, row blocks and gradients for this model and batch shape, kept between calls. */
  private void prepare(EnergyModel model, Mat batch, Mat gradientOut) {
    int parts = estimators.length;
    int n = batch.rows();
    if (model != this.model) {
      if (!(model instanceof ParameterSharing)) {
        throw new IllegalArgumentException(
            "batch parts need a model that shares its parameters with views of itself; "
                + model.describe() + " does not");
      }
      views = new EnergyModel[parts];
      views[0] = model;
      for (int p = 1; p < parts; p++) {
        views[p] = ((ParameterSharing) model).sharingParameters();
      }
      this.model = model;
      batches = null;
    }
    if (batches == null || batches[0].cols() != batch.cols() || rows(batches) != n) {
      Ops ops = model.ops();
      batches = new Mat[parts];
      gradients = new Mat[parts];
      for (int p = 0; p < parts; p++) {
        batches[p] = ops.zeros(first(p + 1, n) - first(p, n), batch.cols());
        gradients[p] = ops.zeros(gradientOut.rows(), gradientOut.cols());
      }
    }
  }

  private static int rows(Mat[] blocks) {
    int rows = 0;
    for (Mat m : blocks) {
      rows += m.rows();
    }
    return rows;
  }
}
