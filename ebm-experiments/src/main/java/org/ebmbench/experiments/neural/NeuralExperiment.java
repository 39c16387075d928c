package org.ebmbench.experiments.neural;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.data.Dataset;
import org.ebmbench.data.Density;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.GridMle;
import org.ebmbench.estimator.ReplayBufferCd;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.CellKeys;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.experiments.run.Components;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.run.Training;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.metric.DensityFisherDivergence;
import org.ebmbench.metric.GridFisherDivergence;
import org.ebmbench.metric.GridKl;
import org.ebmbench.metric.GridLogPartition;
import org.ebmbench.metric.GridTarget;
import org.ebmbench.metric.Metric;
import org.ebmbench.metric.QuadratureGrid;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;

/**
 * One neural experiment, validated. Each cell draws its train and test rows from the density with
 * its seed ("train", "test"), starts the MLP from the spec's seed, and trains.
 *
 * <p>2-D densities are scored on the {@value #GRID_CELLS} x {@value #GRID_CELLS} midpoint grid on
 * [-{@value #GRID_HALF_WIDTH}, {@value #GRID_HALF_WIDTH}]^2 (h = 0.1; every toy density's mass
 * outside it is below 1e-4, the checkerboard's squares have their edges on cell boundaries): klDataToModel
 * always (from the exact density where there is one, else from a histogram of {@value
 * #HISTOGRAM_DRAWS} exact draws on the same grid), klModelToData where the data density is positive
 * in every cell (8gaussians), fisherDivergence where the data score is known (8gaussians), and
 * logZ. Higher dimensions get a Monte Carlo fisherDivergence over the test rows. grid-mle
 * integrates on the same grid; replay-cd restarts chains from noise on the same box.
 */
final class NeuralExperiment implements PreparedExperiment {
  static final double GRID_HALF_WIDTH = 4.5;
  static final int GRID_CELLS = 90;
  static final int HISTOGRAM_DRAWS = 1_000_000;

  /** Du and Mordatch (2019): a buffer of 10000 states, 5% of chains restarted from noise. */
  static final int REPLAY_CAPACITY = 10_000;

  static final double REPLAY_NOISE = 0.05;

  private final MlpSpec spec;
  private final Ops ops;
  private final DataSpec data;
  private final Density density;
  private QuadratureGrid grid;
  private GridTarget target;

  NeuralExperiment(MlpSpec spec, Ops ops, DataSpec data, Density density) {
    this.spec = spec;
    this.ops = ops;
    this.data = data;
    this.density = density;
  }

  private boolean planar() {
    return density.dimension() == 2;
  }

  @Override
  public DataSpec data() {
    return data;
  }

  @Override
  public SamplerSpec defaultSampler() {
    // A continuous chain needs a step size the user must choose.
    return null;
  }

  @Override
  public void checkEstimator(EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath path) {
    switch (estimator.kind()) {
      case EXACT_MLE -> throw new InvalidSpecException(
          path, "exact-mle needs an exact partition function, which an MLP energy lacks; use grid-mle (2-D)");
      case GRID_MLE -> {
        if (!planar()) {
          throw new InvalidSpecException(
              path, "grid-mle integrates on a 2-D grid; " + density.name() + " has dimension "
                  + density.dimension());
        }
      }
      case PSEUDO_LIKELIHOOD -> throw new InvalidSpecException(
          path, "pseudo-likelihood is an estimator of the crf family");
      default -> {}
    }
    if (sampler != null
        && !(sampler instanceof SamplerSpec.Langevin || sampler instanceof SamplerSpec.Mala)) {
      throw new InvalidSpecException(
          path, "the " + CellKeys.typeName(sampler) + " sampler does not suit an MLP energy (neural: langevin, mala)");
    }
  }

  /** The grid and the data on it, built on first use and shared by the cells. */
  private synchronized GridTarget target() {
    if (target == null) {
      grid = QuadratureGrid.square(ops, GRID_HALF_WIDTH, GRID_CELLS);
      target =
          GridTarget.of(
              grid, density, HISTOGRAM_DRAWS, RandomStream.derive(0, "histogram " + density.name()));
    }
    return target;
  }

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    long seed = cell.seed();
    Dataset train = density.dataset(data.train(), RandomStream.derive(seed, "train"));
    Dataset test = density.dataset(data.test(), RandomStream.derive(seed, "test"));
    MlpEnergy model = spec.initial(ops, density.dimension());
    Training.run(
        cell,
        model,
        train.toEngine(ops),
        estimator(cell),
        Components.optimizer(cell.optimizer(), ops, cell.steps()),
        metrics(test.toEngine(ops)),
        recorder::curvePoint);
    if (planar()) {
      NeuralPictures.attach(model, target(), RandomStream.derive(seed, "picture samples"), recorder);
    }
  }

  private Estimator estimator(Cell cell) {
    return spec.inParts(() -> single(cell));
  }

  private Estimator single(Cell cell) {
    return switch (cell.parsed().kind()) {
      case GRID_MLE -> new GridMle(target().grid());
      case REPLAY_CD -> new ReplayBufferCd(
          cell.parsed().k(), Components.sampler(cell.sampler()), REPLAY_CAPACITY, REPLAY_NOISE,
          GRID_HALF_WIDTH);
      default -> Components.estimator(cell.parsed(), cell.sampler());
    };
  }

  private List<Metric> metrics(Mat test) {
    List<Metric> metrics = new ArrayList<>();
    if (planar()) {
      GridTarget t = target();
      metrics.add(GridKl.fromData(t));
      if (t.positiveEverywhere()) {
        metrics.add(GridKl.toData(t));
      }
      if (t.hasScore()) {
        metrics.add(new GridFisherDivergence(t));
      }
      metrics.add(new GridLogPartition(t.grid()));
    } else if (density.hasScore()) {
      metrics.add(new DensityFisherDivergence(ops, density, test));
    }
    return metrics;
  }
}
