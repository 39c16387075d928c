package org.ebmbench.experiments.rbm;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.experiments.run.CellKeys;
import org.ebmbench.experiments.run.Components;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.run.Training;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.metric.Metric;
import org.ebmbench.metric.PseudoLikelihood;

/**
 * One RBM experiment, validated: the model spec and its data, read once and shared by every cell
 * (the data do not depend on the cell seed; the seed fixes mini-batches and chains).
 *
 * <p>Metrics, all exact, by their results.json names. Bars-and-stripes: logLikelihood (mean log P
 * over the distinct patterns, which are both the training set and the whole distribution; the
 * optimum is -log n), klDataToModel (= -log n - logLikelihood) and pseudoLogLikelihood over the
 * patterns. Images: heldOutLogLikelihood and pseudoLogLikelihood over the held-out rows.
 */
final class RbmExperiment implements PreparedExperiment {
  private final RbmSpec spec;
  private final Ops ops;
  private final DataSpec data;
  private final Dataset train;
  private final Dataset test;

  /**
   * @param test held-out rows, or null when the training rows are the whole distribution
   *     (bars-and-stripes)
   */
  RbmExperiment(RbmSpec spec, Ops ops, DataSpec data, Dataset train, Dataset test) {
    this.spec = spec;
    this.ops = ops;
    this.data = data;
    this.train = train;
    this.test = test;
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
    if (estimator.kind().neuralOnly()) {
      throw new InvalidSpecException(
          path, "this estimator needs a neural energy (grid, noise box or directional derivatives):"
              + " use it in the neural family");
    }
    if (estimator.kind() == EstimatorSpec.Kind.SCORE_MATCHING) {
      throw new InvalidSpecException(
          path, "score-matching needs a continuous model; an rbm is on binary units");
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

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    Mat trainRows = train.toEngine(ops);
    List<Metric> metrics = new ArrayList<>();
    if (test == null) {
      metrics.add(new MeanLogLikelihood("logLikelihood", trainRows));
      metrics.add(new KlFromUniform(trainRows));
      metrics.add(new PseudoLikelihood(trainRows));
    } else {
      Mat testRows = test.toEngine(ops);
      metrics.add(new MeanLogLikelihood("heldOutLogLikelihood", testRows));
      metrics.add(new PseudoLikelihood(testRows));
    }
    Training.run(
        cell,
        spec.initial(ops, train.cols()),
        trainRows,
        Components.estimator(cell.parsed(), cell.sampler()),
        Components.optimizer(cell.optimizer(), ops),
        metrics,
        recorder::curvePoint);
  }
}
