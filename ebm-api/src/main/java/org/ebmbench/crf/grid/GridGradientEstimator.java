package org.ebmbench.crf.grid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.random.RandomStream;

/**
 * Ways to learn a grid CRF: each adds, for a mini-batch of images, an estimate of the ascent
 * direction of sum_n log P(y_n | x_n) (or of the pseudo-likelihood) to a 3-vector. Not
 * thread-safe; the persistent estimator keeps one chain per training image.
 */
public interface GridGradientEstimator {
  /** A short stable name. */
  String name();

  /** Adds the estimate over the images {@code data[rows[i]]} to {@code gradient}. */
  void addGradient(GridCrf model, List<LabeledGrid> data, int[] rows, double[] gradient);

  /** The exact gradient phi(x, y) - E[phi | x], by enumeration (small grids only). */
  static GridGradientEstimator exact() {
    return new GridGradientEstimator() {
      @Override
      public String name() {
        return "exact-mle";
      }

      @Override
      public void addGradient(GridCrf model, List<LabeledGrid> data, int[] rows, double[] g) {
        for (int row : rows) {
          LabeledGrid image = data.get(row);
          model.addFeatures(image.x(), image.y(), 1, g);
          new GridEnumeration(model, image.x()).addExpectedFeatures(-1, g);
        }
      }
    };
  }

  /**
   * Contrastive divergence: phi(x, y) - phi(x, y~), y~ after {@code sweeps} Gibbs sweeps started
   * at the observed labels (CD) or continuing the image's persistent chain (PCD).
   */
  static GridGradientEstimator contrastiveDivergence(
      int sweeps, boolean persistent, RandomStream random) {
    if (sweeps < 1) {
      throw new IllegalArgumentException("grid CD: needs sweeps >= 1, got " + sweeps);
    }
    Map<Integer, int[]> chains = new HashMap<>();
    return new GridGradientEstimator() {
      @Override
      public String name() {
        return (persistent ? "pcd-" : "cd-") + sweeps;
      }

      @Override
      public void addGradient(GridCrf model, List<LabeledGrid> data, int[] rows, double[] g) {
        for (int row : rows) {
          LabeledGrid image = data.get(row);
          // LabeledGrid hands out its own array: chains work on copies.
          int[] state =
              persistent
                  ? chains.computeIfAbsent(row, r -> image.y().clone())
                  : image.y().clone();
          GridGibbs.run(model, image.x(), state, sweeps, random);
          model.addFeatures(image.x(), image.y(), 1, g);
          model.addFeatures(image.x(), state, -1, g);
        }
      }
    };
  }

  /** The gradient of the pseudo-likelihood sum_i log P(y_i | neighbours, x). */
  static GridGradientEstimator pseudoLikelihood() {
    return new GridGradientEstimator() {
      @Override
      public String name() {
        return "pseudo-likelihood";
      }

      @Override
      public void addGradient(GridCrf model, List<LabeledGrid> data, int[] rows, double[] g) {
        for (int row : rows) {
          GridPseudoLikelihood.valueAndAddGradient(model, data.get(row), g);
        }
      }
    };
  }
}
