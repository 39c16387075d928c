package org.ebmbench.crf.grid;

/**
 * The pseudo-log-likelihood of a grid CRF, sum_i log P(y_i | neighbours, x) = sum_i log
 * sigmoid(2 y_i field_i), and its gradient: d field_i / d(b, u, c) = (1, x_i, sum_{j~i} y_j), and
 * d log sigmoid(2 y_i field_i) / d field_i = 2 y_i (1 - sigmoid(2 y_i field_i)).
 */
public final class GridPseudoLikelihood {
  private GridPseudoLikelihood() {}

  /** sum_i log P(y_i | neighbours, x) for one image. */
  public static double value(GridCrf model, LabeledGrid image) {
    return valueAndAddGradient(model, image, null);
  }

  /** The pseudo-log-likelihood of one image; adds its gradient unless gradient is null. */
  static double valueAndAddGradient(GridCrf model, LabeledGrid image, double[] gradient) {
    double[] x = image.x();
    int[] y = image.y();
    model.check(x, y);
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      double field = model.localField(x, y, i);
      double margin = 2 * y[i] * field;
      // log sigmoid(m) = -log(1 + exp(-m)), written to stay finite for large |m|.
      total += margin >= 0 ? -Math.log1p(Math.exp(-margin)) : margin - Math.log1p(Math.exp(margin));
      if (gradient != null) {
        double slope = 2 * y[i] * (1 - GridGibbs.probabilityUp(y[i] * field));
        gradient[GridCrf.BIAS] += slope;
        gradient[GridCrf.UNARY] += slope * x[i];
        gradient[GridCrf.COUPLING] += slope * model.neighbourSum(y, i);
      }
    }
    return total;
  }
}
