package org.ebmbench.experiments.rbm;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.picture.Rasters;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.random.RandomStream;

/** The pictures of a trained Bernoulli RBM: its filters and samples, as tiles of the data's shape. */
final class RbmPictures {
  private final int tileWidth;
  private final int tileHeight;

  /** Tiles of {@code tileWidth x tileHeight} pixels, one per visible vector. */
  RbmPictures(int tileWidth, int tileHeight) {
    this.tileWidth = tileWidth;
    this.tileHeight = tileHeight;
  }

  /**
   * The weights into each of the first {@code most} hidden units (column j of W), each tile
   * stretched to its own range, since the filters' scales differ.
   */
  Picture filters(BernoulliRbm model, int most) {
    int nv = model.visibleCount();
    int count = Math.min(most, model.hiddenCount());
    double[] w = model.ops().toHost(model.weights());
    double[][] tiles = new double[count][nv];
    for (int j = 0; j < count; j++) {
      for (int i = 0; i < nv; i++) {
        tiles[j][i] = w[BernoulliRbm.weightIndex(model.hiddenCount(), i, j)];
      }
    }
    String caption =
        "weights into hidden units 1-" + count + " of " + model.hiddenCount()
            + ", each tile scaled to its own range (black = most negative, white = most positive)";
    return Rasters.tiles(
        "filters", caption, tiles, tileWidth, tileHeight, columns(count), Rasters.Scaling.PER_TILE);
  }

  /**
   * {@code chains} independent block Gibbs chains from uniformly random binary states, run {@code
   * sweeps} sweeps with a stream derived from {@code seed}; each tile shows P(v = 1 | h) given the
   * last hidden sample, the usual way of showing RBM samples (smoother than the binary v).
   */
  Picture samples(BernoulliRbm model, int chains, int sweeps, long seed) {
    Ops ops = model.ops();
    int nv = model.visibleCount();
    RandomStream stream = RandomStream.derive(seed, "rbm-samples");
    Mat v = ops.zeros(chains, nv);
    ops.uniform(stream, v);
    ops.lessThan(v, 0.5, v);
    for (int sweep = 0; sweep < sweeps; sweep++) {
      model.gibbsSweep(v, stream);
    }
    // One more half-sweep, h ~ P(h | v), then the visible probabilities.
    Mat h = ops.zeros(chains, model.hiddenCount());
    model.hiddenProbabilities(v, h);
    Mat u = ops.zeros(chains, model.hiddenCount());
    ops.uniform(stream, u);
    ops.lessThan(u, h, h);
    model.visibleProbabilities(h, v);
    double[] values = ops.toHost(v);
    double[][] tiles = new double[chains][nv];
    for (int r = 0; r < chains; r++) {
      System.arraycopy(values, r * nv, tiles[r], 0, nv);
    }
    String caption =
        chains + " independent block Gibbs chains after " + sweeps
            + " sweeps from random states: P(v = 1 | h) given the last h (black 0, white 1)";
    return Rasters.tiles(
        "samples", caption, tiles, tileWidth, tileHeight, columns(chains), Rasters.Scaling.UNIT);
  }

  /** About square grids: ceil(sqrt(count)) columns. */
  private static int columns(int count) {
    return (int) Math.ceil(Math.sqrt(count));
  }
}
