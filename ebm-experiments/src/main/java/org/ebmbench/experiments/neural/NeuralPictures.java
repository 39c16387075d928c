package org.ebmbench.experiments.neural;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import java.util.Arrays;
import org.ebmbench.experiments.picture.Rasters;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.metric.GridTarget;
import org.ebmbench.metric.QuadratureGrid;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * The pictures of a 2-D neural cell, all on the quadrature grid (y up, each cell drawn as a
 * {@value #SCALE} x {@value #SCALE} block), each coloured from 0 to its own largest value:
 * "density" (the learned model's cell probabilities), "truth" (the data's) and "samples" (a
 * histogram of {@value #SAMPLES} exact draws from the learned model discretized to the grid).
 */
final class NeuralPictures {
  static final int SCALE = 3;
  static final int SAMPLES = 5000;

  private NeuralPictures() {}

  static void attach(EnergyModel model, GridTarget target, RandomStream stream, CellRecorder recorder) {
    QuadratureGrid grid = target.grid();
    Ops ops = grid.ops();
    Mat probabilities = ops.zeros(grid.size(), 1);
    grid.cellProbabilities(model, probabilities);
    double[] learned = ops.toHost(probabilities);
    String box = grid.describe();
    recorder.picture(heatmap("density", "learned density, " + box, learned, grid.cellsPerSide()));
    recorder.picture(heatmap("truth", "data density (" + target.describe() + "), " + box,
        target.masses(), grid.cellsPerSide()));
    recorder.picture(heatmap("samples", SAMPLES + " draws from the learned model on the grid",
        histogram(learned, stream), grid.cellsPerSide()));
  }

  /** Counts of SAMPLES categorical draws with the given cell probabilities. */
  private static double[] histogram(double[] probabilities, RandomStream stream) {
    double[] cumulative = new double[probabilities.length];
    double total = 0;
    for (int c = 0; c < probabilities.length; c++) {
      total += probabilities[c];
      cumulative[c] = total;
    }
    double[] counts = new double[probabilities.length];
    for (int s = 0; s < SAMPLES; s++) {
      double u = stream.nextDouble() * total;
      int c = Arrays.binarySearch(cumulative, u);
      c = c >= 0 ? c : -c - 1;
      counts[Math.min(c, counts.length - 1)]++;
    }
    return counts;
  }

  private static Picture heatmap(
      String name, String caption, double[] values, int cells) {
    int side = cells * SCALE;
    double[] pixels = new double[side * side];
    double high = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double v = values[(y / SCALE) * cells + x / SCALE];
        pixels[y * side + x] = v;
        high = Math.max(high, v);
      }
    }
    return Rasters.heatmap(name, caption, pixels, side, side, 0, high);
  }
}
