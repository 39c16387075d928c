package org.ebmbench.metric;

import org.ebmbench.model.EnergyModel;

/** log Z of a 2-D model by the midpoint rule on a {@link QuadratureGrid} (results name "logZ"). */
public final class GridLogPartition implements Metric {
  private final QuadratureGrid grid;

  public GridLogPartition(QuadratureGrid grid) {
    this.grid = grid;
  }

  @Override
  public String name() {
    return "logZ";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(grid.logPartition(model));
  }
}
