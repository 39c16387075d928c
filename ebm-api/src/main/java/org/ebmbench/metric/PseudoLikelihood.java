package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.Domain;
import org.ebmbench.model.EnergyModel;

/**
 * The log pseudo-likelihood of data, averaged per example and per dimension, in nats:
 *
 * <pre>
 *   PL = 1 / (n d) sum_rows sum_i log P(x_i | x_-i)
 *   log P(x_i | x_-i) = f(x) - log(exp f(x) + exp f(x^(i))) = -softplus(f(x^(i)) - f(x))
 * </pre>
 *
 * where x^(i) is x with variable i flipped (0 and 1 swapped, or the spin negated). It needs no
 * partition function, so it is available for every discrete model, and it is exact and
 * deterministic: every row and every dimension is visited, so it costs d + 1 evaluations of f on
 * the data (choose the rows accordingly for large images).
 *
 * <p>scikit-learn's {@code BernoulliRBM.score_samples} reports instead, for each example, d log
 * P(x_i | x_-i) for ONE variable i chosen at random: a single-sample estimate of the summed
 * pseudo-likelihood, scaled up by d, which changes from call to call. Its expectation over the
 * random choice is d times this metric's per-row value; this metric divides by d so that models of
 * different sizes are on the same per-variable scale.
 */
public final class PseudoLikelihood implements Metric {
  private final Mat data;

  /** A metric over the rows of {@code data} (examples x dimension). */
  public PseudoLikelihood(Mat data) {
    this.data = data;
  }

  @Override
  public String name() {
    return "pseudoLogLikelihood";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(mean(model, data));
  }

  /**
   * The mean over rows and dimensions of log P(x_i | x_-i).
   *
   * @throws IllegalArgumentException if the model is continuous or the data do not fit it
   */
  public static double mean(EnergyModel model, Mat data) {
    Domain domain = model.domain();
    if (domain == Domain.CONTINUOUS) {
      throw new IllegalArgumentException(
          "the pseudo-likelihood needs a discrete model, but "
              + model.describe()
              + " is continuous");
    }
    Capabilities.requireRowsOf(model, data, "pseudo-likelihood data");
    Ops ops = model.ops();
    int rows = data.rows();
    int d = data.cols();
    Mat logDensity = ops.zeros(rows, 1);
    model.logDensityUnnormalized(data, logDensity);
    Mat flipped = ops.zeros(rows, d);
    ops.copy(data, flipped);
    Mat column = ops.zeros(rows, 1);
    Mat flippedColumn = ops.zeros(rows, 1);
    Mat difference = ops.zeros(rows, 1);
    double total = 0.0;
    for (int i = 0; i < d; i++) {
      ops.getColumns(data, i, column);
      // 1 - x swaps 0 and 1; -x negates a spin.
      ops.affine(column, -1.0, domain == Domain.BINARY ? 1.0 : 0.0, flippedColumn);
      ops.setColumns(flippedColumn, i, flipped);
      model.logDensityUnnormalized(flipped, difference);
      ops.axpby(1.0, difference, -1.0, logDensity, difference);
      ops.map(UnaryFunction.SOFTPLUS, difference, difference);
      total -= ops.sum(difference);
      ops.setColumns(column, i, flipped);
    }
    return total / ((double) rows * d);
  }
}
