package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;

/**
 * The Kullback-Leibler divergence between a 2-D data distribution ({@link GridTarget}) and a
 * model, in nats, by quadrature on the target's grid, with the model normalized on the same grid
 * (log p_model(x_c) = f(x_c) - log Z, log Z by {@link QuadratureGrid}):
 *
 * <ul>
 *   <li>{@link #fromData} KL(data || model) = sum_c q_c [log p_data(x_c) - log p_model(x_c)],
 *       results name "klDataToModel": the divergence maximum likelihood minimizes;
 *   <li>{@link #toData} KL(model || data) = sum_c P_c [log p_model(x_c) - log p_data(x_c)], P_c =
 *       exp f(x_c) h^2 / Z, results name "klModelToData": defined where the data density is
 *       positive in every cell.
 * </ul>
 */
public final class GridKl implements Metric {
  private final GridTarget target;
  private final boolean dataFirst;

  private GridKl(GridTarget target, boolean dataFirst) {
    this.target = target;
    this.dataFirst = dataFirst;
  }

  /** KL(data || model). */
  public static GridKl fromData(GridTarget target) {
    return new GridKl(target, true);
  }

  /**
   * KL(model || data).
   *
   * @throws IllegalArgumentException if the data have a cell of zero mass (the divergence is then
   *     infinite for any model of full support)
   */
  public static GridKl toData(GridTarget target) {
    if (!target.positiveEverywhere()) {
      throw new IllegalArgumentException(
          "KL(model || data) needs a data density positive in every cell of the "
              + target.grid().describe() + "; the " + target.describe() + " has empty cells");
    }
    return new GridKl(target, false);
  }

  @Override
  public String name() {
    return dataFirst ? "klDataToModel" : "klModelToData";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    QuadratureGrid grid = target.grid();
    Ops ops = grid.ops();
    Mat values = ops.zeros(grid.size(), 1);
    if (dataFirst) {
      double logZ = grid.logDensityUnnormalized(model, values);
      Mat masses = target.massesOnEngine();
      ops.multiply(values, masses, values);
      double massInBox = ops.sum(masses);
      return Measurement.exact(target.sumMassTimesLogDensity() - ops.sum(values) + massInBox * logZ);
    }
    Mat probabilities = ops.zeros(grid.size(), 1);
    double logZ = grid.cellProbabilities(model, probabilities);
    model.logDensityUnnormalized(grid.points(), values);
    ops.axpby(1.0, values, -1.0, target.logDensity(), values);
    ops.affine(values, 1.0, -logZ, values);
    ops.multiply(values, probabilities, values);
    return Measurement.exact(ops.sum(values));
  }
}
