package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.metric.QuadratureGrid;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.WeightedParameterGradient;
import org.ebmbench.random.RandomStream;

/**
 * Maximum likelihood with the partition function by quadrature: the exact reference for 2-D
 * energies. The loss is log Z - mean f(x) with Z on a {@link QuadratureGrid}, so its gradient is
 *
 * <pre>
 *   sum_c P_c grad_Theta f(x_c) - mean over the batch of grad_Theta f,   P_c = exp f(x_c) h^2 / Z,
 * </pre>
 *
 * the expectation under the model replaced by its grid quadrature (exact up to the grid's
 * truncation and discretization errors, see {@link QuadratureGrid}). Needs {@link
 * WeightedParameterGradient}; uses no randomness. Costs one forward and one backward pass over the
 * n^2 grid points per step.
 */
public final class GridMle implements Estimator {
  private final QuadratureGrid grid;
  private Mat probabilities;
  private Mat dataMean;

  public GridMle(QuadratureGrid grid) {
    this.grid = grid;
  }

  @Override
  public String describe() {
    return "grid-mle(" + grid.describe() + ")";
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    WeightedParameterGradient weighted =
        Capabilities.require(model, WeightedParameterGradient.class, "MLE through the grid");
    Ops ops = model.ops();
    if (probabilities == null) {
      probabilities = ops.zeros(grid.size(), 1);
    }
    if (dataMean == null || dataMean.rows() != model.parameterCount()) {
      dataMean = ops.zeros(model.parameterCount(), 1);
    }
    grid.cellProbabilities(model, probabilities);
    weighted.weightedParameterGradient(grid.points(), probabilities, gradientOut);
    model.meanParameterGradient(batch, dataMean);
    ops.axpby(1.0, gradientOut, -1.0, dataMean, gradientOut);
  }
}
