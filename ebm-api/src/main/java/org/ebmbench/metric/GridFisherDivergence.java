package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DifferentiableInX;
import org.ebmbench.model.EnergyModel;

/**
 * The Fisher divergence 1/2 E_data |grad log p_data - grad f|^2 by quadrature on the target's grid:
 * 1/2 sum_c q_c |s(x_c) - grad f(x_c)|^2, with the data's exact score s (results name
 * "fisherDivergence"). Deterministic, unlike {@link FisherDivergence}'s Monte Carlo mean.
 */
public final class GridFisherDivergence implements Metric {
  private final GridTarget target;

  /**
   * @throws IllegalArgumentException if the target's score is not known
   */
  public GridFisherDivergence(GridTarget target) {
    if (!target.hasScore()) {
      throw new IllegalArgumentException(
          "the Fisher divergence needs the data's score; the " + target.describe() + " has none");
    }
    this.target = target;
  }

  @Override
  public String name() {
    return "fisherDivergence";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    DifferentiableInX differentiable =
        Capabilities.require(model, DifferentiableInX.class, "the Fisher divergence");
    QuadratureGrid grid = target.grid();
    Capabilities.requireRowsOf(model, grid.points(), "the Fisher divergence on the " + grid.describe());
    Ops ops = grid.ops();
    Mat difference = ops.zeros(grid.size(), 2);
    differentiable.gradientX(grid.points(), difference);
    ops.axpby(1.0, target.score(), -1.0, difference, difference);
    ops.map(UnaryFunction.SQUARE, difference, difference);
    Mat perCell = ops.zeros(grid.size(), 1);
    ops.rowSums(difference, perCell);
    ops.multiply(perCell, target.massesOnEngine(), perCell);
    return Measurement.exact(0.5 * ops.sum(perCell));
  }
}
