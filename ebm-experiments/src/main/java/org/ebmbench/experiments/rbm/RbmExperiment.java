package org.ebmbench.experiments.rbm;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
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
import org.ebmbench.metric.AisHeldOutLogLikelihood;
import org.ebmbench.metric.AnnealedImportanceSampling;
import org.ebmbench.metric.Metric;
import org.ebmbench.metric.PseudoLikelihood;
import org.ebmbench.metric.RaiseHeldOutLogLikelihood;
import org.ebmbench.metric.ReconstructionError;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.EnergyModel;

/**
 * One RBM experiment, validated: the model spec and its data, read once and shared by every cell
 * (the data do not depend on the cell seed; the seed fixes mini-batches and chains).
 *
 * <p>Metrics by their results.json names. Generated patterns (bars-and-stripes, shifting bars):
 * logLikelihood (exact mean log P over the distinct patterns, which are both the training set and
 * the whole distribution; the optimum is -log n), klDataToModel (= -log n - logLikelihood),
 * pseudoLogLikelihood and reconstructionError over the patterns. Images: heldOutLogLikelihood
 * (exact, when the smaller layer can be enumerated), heldOutLogLikelihoodAis with its standard
 * error and aisEffectiveSampleSize (when the spec asks for AIS; below 10 the error bar means
 * nothing), heldOutLogLikelihoodRaise with its standard error (when AIS asks for reverse: its
 * conservative counterpart), pseudoLogLikelihood and reconstructionError over the
 * held-out rows. Gaussian-Bernoulli RBMs on draws from a named density: heldOutLogLikelihood
 * (exact) and reconstructionError over the held-out draws.
 *
 * <p>Each Bernoulli RBM cell also attaches two pictures of the final model: its filters (the weights into each
 * of the first {@value #MAX_FILTERS} hidden units, as tiles of the data's shape, each scaled to
 * its own range) and {@value #SAMPLE_CHAINS} samples from independent block Gibbs chains run
 * {@value #SAMPLE_SWEEPS} sweeps from uniformly random states.
 */
final class RbmExperiment implements PreparedExperiment {
  /** The most filters drawn: a 10 x 10 grid. */
  static final int MAX_FILTERS = 100;

  /** Chains drawn for the samples picture: a 6 x 6 grid. */
  static final int SAMPLE_CHAINS = 36;

  /** Gibbs sweeps per sample chain. */
  static final int SAMPLE_SWEEPS = 1000;

  private final RbmModelSpec spec;
  private final Ops ops;
  private final DataSpec data;
  private final Dataset train;
  private final Dataset test;
  private final int tileWidth;
  private final int tileHeight;

  /**
   * @param test held-out rows, or null when the training rows are the whole distribution
   *     (generated patterns)
   * @param tileWidth the width of one example drawn as an image (tileWidth x tileHeight = columns)
   */
  RbmExperiment(
      RbmModelSpec spec, Ops ops, DataSpec data, Dataset train, Dataset test, int tileWidth,
      int tileHeight) {
    this.spec = spec;
    this.ops = ops;
    this.data = data;
    this.train = train;
    this.test = test;
    this.tileWidth = tileWidth;
    this.tileHeight = tileHeight;
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
    if (estimator.kind() == EstimatorSpec.Kind.PSEUDO_LIKELIHOOD) {
      throw new InvalidSpecException(path, "pseudo-likelihood is an estimator of the crf family");
    }
    if (estimator.kind().neuralOnly()) {
      throw new InvalidSpecException(
          path, "this estimator needs a neural energy (grid, noise box or directional derivatives):"
              + " use it in the neural family");
    }
    if (estimator.kind() == EstimatorSpec.Kind.SCORE_MATCHING) {
      throw new InvalidSpecException(
          path, "score-matching needs a continuous model; an rbm is on binary units");
    }
    if (estimator.kind() == EstimatorSpec.Kind.EXACT_MLE && !exact()) {
      throw new InvalidSpecException(
          path, "exact-mle enumerates the smaller layer, at most "
              + BernoulliRbm.MAX_ENUMERATED_UNITS + " units; this rbm has "
              + Math.min(train.cols(), spec.hidden()));
    }
    if (spec instanceof GaussianRbmSpec && sampler != null && !(sampler instanceof SamplerSpec.Gibbs)) {
      throw new InvalidSpecException(
          path, "a gaussian-rbm samples by block Gibbs only (sampler: gibbs), got "
              + CellKeys.typeName(sampler));
    }
    if (sampler instanceof SamplerSpec.Langevin || sampler instanceof SamplerSpec.Mala) {
      throw new InvalidSpecException(
          path, "the " + CellKeys.typeName(sampler) + " sampler needs a continuous model (rbm: gibbs, mh)");
    }
    if (sampler instanceof SamplerSpec.MetropolisHastings mh && mh.stepSize() != null) {
      throw new InvalidSpecException(
          path, "the mh sampler flips binary units of an rbm; remove its stepSize");
    }
  }

  /**
   * Whether log Z is computed exactly: the smaller layer of a Bernoulli RBM can be enumerated; a
   * Gaussian-Bernoulli RBM's hidden layer always can (its spec limits it).
   */
  private boolean exact() {
    return spec instanceof GaussianRbmSpec
        || Math.min(train.cols(), spec.hidden()) <= BernoulliRbm.MAX_ENUMERATED_UNITS;
  }

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    Mat trainRows = train.toEngine(ops);
    List<Metric> metrics = new ArrayList<>();
    if (test == null) {
      metrics.add(new MeanLogLikelihood("logLikelihood", trainRows));
      metrics.add(new KlFromUniform(trainRows));
      metrics.add(new PseudoLikelihood(trainRows));
      metrics.add(new ReconstructionError(trainRows));
    } else {
      Mat testRows = test.toEngine(ops);
      if (exact()) {
        metrics.add(new MeanLogLikelihood("heldOutLogLikelihood", testRows));
      }
      if (spec instanceof RbmSpec bernoulli && bernoulli.ais() != null) {
        AnnealedImportanceSampling estimator = bernoulli.ais().estimator(train);
        AisHeldOutLogLikelihood ais = new AisHeldOutLogLikelihood(testRows, estimator);
        metrics.add(ais);
        metrics.add(ais.effectiveSampleSize());
        if (bernoulli.ais().reverse()) {
          metrics.add(new RaiseHeldOutLogLikelihood(testRows, estimator));
        }
      }
      if (spec instanceof RbmSpec) {
        metrics.add(new PseudoLikelihood(testRows));
      }
      metrics.add(new ReconstructionError(testRows));
    }
    EnergyModel model = spec.initial(ops, train.cols());
    Training.run(
        cell,
        model,
        trainRows,
        Components.estimator(cell.parsed(), cell.sampler()),
        Components.optimizer(cell.optimizer(), ops, cell.steps()),
        metrics,
        recorder::curvePoint);
    if (model instanceof BernoulliRbm rbm) {
      RbmPictures pictures = new RbmPictures(tileWidth, tileHeight);
      recorder.picture(pictures.filters(rbm, MAX_FILTERS));
      recorder.picture(pictures.samples(rbm, SAMPLE_CHAINS, SAMPLE_SWEEPS, cell.seed()));
    }
  }
}
