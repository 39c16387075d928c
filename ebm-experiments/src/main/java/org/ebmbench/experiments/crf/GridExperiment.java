package org.ebmbench.experiments.crf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ebmbench.crf.grid.GridCrf;
import org.ebmbench.crf.grid.GridEnumeration;
import org.ebmbench.crf.grid.GridGradientEstimator;
import org.ebmbench.crf.grid.GridMeanField;
import org.ebmbench.crf.grid.GridPseudoLikelihood;
import org.ebmbench.crf.grid.LabeledGrid;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.picture.Rasters;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.random.RandomStream;

/**
 * A grid-CRF denoising experiment. Metrics: pixelError (held-out images denoised by mean field,
 * the inference baseline), heldOutPseudoLogLikelihood (mean per image); on grids of at most 20
 * sites also the exact heldOutLogLikelihood and, when the labels were drawn from a known truth,
 * klTrueToModel (mean over held-out x, exact by enumeration). Each cell attaches a picture of
 * held-out images: clean, observed, denoised.
 */
final class GridExperiment implements PreparedExperiment {
  /** Held-out images shown in the picture. */
  private static final int SHOWN = 4;

  /** The images and, with a known truth, its enumeration on each held-out x. */
  record Images(List<LabeledGrid> train, List<LabeledGrid> test, GridCrf truth) {}

  private final GridCrfSpec spec;
  private final DataSpec data;
  private final Supplier<Images> generator;
  private List<LabeledGrid> train;
  private List<LabeledGrid> test;
  private List<GridEnumeration> truthOnTest;
  private final Ops ops;

  /**
   * @param generator draws the images; called once, at the first cell, so that planning a suite
   *     stays cheap
   */
  GridExperiment(GridCrfSpec spec, DataSpec data, Supplier<Images> generator, Ops ops) {
    this.spec = spec;
    this.data = data;
    this.generator = generator;
    this.ops = ops;
  }

  private synchronized void generate() {
    if (train != null) {
      return;
    }
    Images images = generator.get();
    List<GridEnumeration> enumerated = new ArrayList<>();
    if (images.truth() != null) {
      for (LabeledGrid image : images.test()) {
        enumerated.add(new GridEnumeration(images.truth(), image.x()));
      }
    }
    truthOnTest = enumerated;
    test = images.test();
    train = images.train();
  }

  @Override
  public DataSpec data() {
    return data;
  }

  @Override
  public SamplerSpec defaultSampler() {
    return new SamplerSpec.Gibbs();
  }

  @Override
  public void checkEstimator(EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath path) {
    CrfFamily.checkEstimator(estimator, sampler, path, spec.enumerable());
  }

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    generate();
    GridGradientEstimator estimator = estimator(cell);
    double[] w =
        HostTraining.stochastic(
            cell,
            new HostProblem() {
              @Override
              public int dimension() {
                return GridCrf.PARAMETERS;
              }

              @Override
              public int trainingSize() {
                return train.size();
              }

              @Override
              public double l2() {
                return 0;
              }

              @Override
              public void addGradient(double[] weights, int[] rows, double[] gradient) {
                estimator.addGradient(model(weights), train, rows, gradient);
              }

              @Override
              public Map<String, Double> evaluate(double[] weights) {
                return metrics(model(weights));
              }
            },
            ops,
            recorder::curvePoint);
    recorder.picture(picture(model(w)));
  }

  private GridCrf model(double[] w) {
    return new GridCrf(spec.height(), spec.width(), w);
  }

  private GridGradientEstimator estimator(Cell cell) {
    EstimatorSpec.Parsed parsed = cell.parsed();
    RandomStream chains = RandomStream.derive(cell.seed(), "sampler");
    return switch (parsed.kind()) {
      case EXACT_MLE -> GridGradientEstimator.exact();
      case CD -> GridGradientEstimator.contrastiveDivergence(parsed.k(), false, chains);
      case PCD -> GridGradientEstimator.contrastiveDivergence(parsed.k(), true, chains);
      case PSEUDO_LIKELIHOOD -> GridGradientEstimator.pseudoLikelihood();
      default -> throw new IllegalStateException("checked by checkEstimator: " + parsed.kind());
    };
  }

  private Map<String, Double> metrics(GridCrf model) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    double error = 0;
    double pseudo = 0;
    double logLikelihood = 0;
    double kl = 0;
    for (int n = 0; n < test.size(); n++) {
      LabeledGrid image = test.get(n);
      error += GridMeanField.pixelError(model, image);
      pseudo += GridPseudoLikelihood.value(model, image);
      if (spec.enumerable()) {
        GridEnumeration enumerated = new GridEnumeration(model, image.x());
        logLikelihood += enumerated.logProbability(image.y());
        if (!truthOnTest.isEmpty()) {
          kl += truthOnTest.get(n).kl(enumerated);
        }
      }
    }
    metrics.put("pixelError", error / test.size());
    metrics.put("heldOutPseudoLogLikelihood", pseudo / test.size());
    if (spec.enumerable()) {
      metrics.put("heldOutLogLikelihood", logLikelihood / test.size());
      if (!truthOnTest.isEmpty()) {
        metrics.put("klTrueToModel", kl / test.size());
      }
    }
    return metrics;
  }

  /** Rows of held-out images: clean labels, noisy observation, mean-field magnetizations. */
  private org.ebmbench.experiments.results.Picture picture(GridCrf model) {
    int shown = Math.min(SHOWN, test.size());
    double[][] tiles = new double[3 * shown][];
    for (int n = 0; n < shown; n++) {
      LabeledGrid image = test.get(n);
      double[] clean = new double[image.y().length];
      double[] observed = new double[clean.length];
      double[] m = GridMeanField.magnetizations(model, image.x());
      for (int i = 0; i < clean.length; i++) {
        clean[i] = (image.y()[i] + 1) / 2.0;
        observed[i] = Math.min(1, Math.max(0, (image.x()[i] + 1) / 2));
        m[i] = (m[i] + 1) / 2;
      }
      tiles[3 * n] = clean;
      tiles[3 * n + 1] = observed;
      tiles[3 * n + 2] = m;
    }
    return Rasters.tiles(
        "denoised",
        "held-out images, one per row: labels, noisy observation (clipped to [-1, 1]), mean-field"
            + " E[y] under the learned model",
        tiles, spec.width(), spec.height(), 3, Rasters.Scaling.UNIT);
  }
}
