package org.ebmbench.estimator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DirectionalDerivatives;
import org.ebmbench.model.DirectionalDerivatives.Direction;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * Sliced score matching (Song, Garg, Shi and Ermon 2019): Hyvarinen's objective with the Hessian
 * trace replaced by random projections v^T H v, E[v v^T] = I, so its cost does not grow with the
 * dimension. With M projections v_ik per example (fresh on every call):
 *
 * <ul>
 *   <li>plain: J = mean_i mean_k [ (v_ik . grad f)^2 / 2 + v_ik^T H v_ik ];
 *   <li>variance-reduced (SSM-VR): J = mean_i [ |grad f|^2 / 2 + mean_k v_ik^T H v_ik ], the first
 *       term's expectation over v taken exactly.
 * </ul>
 *
 * Both are unbiased for the exact objective and its Theta-gradient. Needs {@link
 * DirectionalDerivatives}. Keeps its direction buffers between calls: one instance per run.
 */
public final class SlicedScoreMatching implements Estimator {
  /** The distribution of the projections, each with E[v v^T] = I. */
  public enum Projection {
    /** Independent +-1 entries. */
    RADEMACHER,
    /** Independent standard normal entries. */
    GAUSSIAN
  }

  private final int projections;
  private final Projection projection;
  private final boolean varianceReduced;

  private Ops ops;
  private Mat[] directions;
  private double objective;

  /**
   * @param projections M, the projections per example (at least 1)
   * @param varianceReduced whether to use SSM-VR (the |grad f|^2 / 2 term exactly)
   */
  public SlicedScoreMatching(int projections, Projection projection, boolean varianceReduced) {
    if (projections < 1) {
      throw new IllegalArgumentException(
          "sliced score matching needs at least 1 projection per example, got " + projections);
    }
    this.projections = projections;
    this.projection = projection;
    this.varianceReduced = varianceReduced;
  }

  /** For example "ssm-vr(m=1,rademacher)" or "ssm(m=4,gaussian)". */
  @Override
  public String describe() {
    return (varianceReduced ? "ssm-vr" : "ssm")
        + "(m="
        + projections
        + ","
        + projection.name().toLowerCase(Locale.ROOT)
        + ")";
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    lossAndGradient(model, batch, stream, gradientOut);
  }

  /**
   * Draws the projections from {@code stream} (row-major, projection by projection), writes the
   * Theta-gradient of J into {@code gradientOut} and returns J.
   */
  public double lossAndGradient(
      EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    DirectionalDerivatives m =
        Capabilities.require(model, DirectionalDerivatives.class, describe());
    Capabilities.requireRowsOf(model, batch, describe() + ": batch");
    allocate(model.ops(), batch.rows(), batch.cols());
    List<Direction> blocks = new ArrayList<>(projections + 1);
    if (varianceReduced) {
      blocks.add(Direction.alongScore(1.0, null));
    }
    for (Mat v : directions) {
      draw(stream, v);
      blocks.add(Direction.fixed(v, true));
    }
    double n = batch.rows();
    double perProjection = 1.0 / (n * projections);
    objective = 0.0;
    m.directionalParameterGradient(
        batch,
        blocks,
        (block, v, first, curvature, alpha, beta) -> {
          if (curvature == null) {
            // The SSM-VR block: v = grad f, so first = |grad f|^2 and alpha = 1/n gives
            // d/dTheta of mean |grad f|^2 / 2.
            objective += 0.5 * ops.sum(first) / n;
            ops.fill(1.0 / n, alpha);
            return;
          }
          objective += ops.sum(curvature) * perProjection;
          ops.fill(perProjection, beta);
          if (varianceReduced) {
            ops.fill(0.0, alpha);
          } else {
            ops.multiply(first, first, alpha);
            objective += 0.5 * ops.sum(alpha) * perProjection;
            ops.affine(first, perProjection, 0.0, alpha);
          }
        },
        gradientOut);
    return objective;
  }

  private void draw(RandomStream stream, Mat v) {
    if (projection == Projection.GAUSSIAN) {
      ops.gaussian(stream, v);
    } else {
      ops.uniform(stream, v);
      ops.lessThan(v, 0.5, v);
      ops.affine(v, 2.0, -1.0, v);
    }
  }

  private void allocate(Ops modelOps, int rows, int dimension) {
    if (ops == modelOps
        && directions != null
        && directions[0].rows() == rows
        && directions[0].cols() == dimension) {
      return;
    }
    ops = modelOps;
    directions = new Mat[projections];
    for (int k = 0; k < projections; k++) {
      directions[k] = ops.zeros(rows, dimension);
    }
  }
}
