package org.ebmbench.experiments.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.ebmbench.metric.ExactKl;
import org.ebmbench.metric.FisherDivergence;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.metric.Metric;
import org.ebmbench.metric.ParameterError;
import org.ebmbench.model.Domain;
import org.ebmbench.model.ExactSampling;
import org.ebmbench.model.ExponentialFamily;
import org.ebmbench.random.RandomStream;

/**
 * One toy experiment, validated: its model spec, its data (drawn per cell seed from the true
 * model, or read once from a file), and how to train a cell.
 *
 * <p>Metrics, by their results.json names: klTrueToModel (exact KL(true || learned)),
 * heldOutLogLikelihood (exact, mean over the test rows), parameterError (|Theta - Theta*| /
 * |Theta*|) and, for continuous models, fisherDivergence with its Monte Carlo standard error
 * (fisherDivergenceStdErr) over the test rows. With user data there is no truth: only
 * heldOutLogLikelihood.
 */
final class ToyExperiment implements PreparedExperiment {
  private final ToyModelSpec spec;
  private final Ops ops;
  private final DataSpec data;
  private final ExponentialFamily truth;
  private final Dataset fileTrain;
  private final Dataset fileTest;

  /** Either {@code truth} (drawn data) or the two file data sets. */
  ToyExperiment(
      ToyModelSpec spec,
      Ops ops,
      DataSpec data,
      ExponentialFamily truth,
      Dataset fileTrain,
      Dataset fileTest) {
    this.spec = spec;
    this.ops = ops;
    this.data = data;
    this.truth = truth;
    this.fileTrain = fileTrain;
    this.fileTest = fileTest;
  }

  @Override
  public DataSpec data() {
    return data;
  }

  @Override
  public SamplerSpec defaultSampler() {
    // Spins have a natural chain; a continuous chain needs a step size the user must choose.
    return spec.domain() == Domain.CONTINUOUS ? null : new SamplerSpec.Gibbs();
  }

  @Override
  public void checkEstimator(EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath path) {
    if (estimator.kind().neuralOnly()) {
      throw new InvalidSpecException(
          path, "this estimator needs a neural energy (grid, noise box or directional derivatives):"
              + " use it in the neural family");
    }
    boolean continuous = spec.domain() == Domain.CONTINUOUS;
    if (estimator.kind() == EstimatorSpec.Kind.SCORE_MATCHING && !continuous) {
      throw new InvalidSpecException(
          path, "score-matching needs a continuous model; this model is on " + domainName());
    }
    if (sampler == null) {
      return;
    }
    String type = CellKeys.typeName(sampler);
    if (sampler instanceof SamplerSpec.Gibbs && continuous) {
      throw new InvalidSpecException(
          path, "the gibbs sampler needs a discrete model (continuous models: mh, langevin, mala)");
    }
    if ((sampler instanceof SamplerSpec.Langevin || sampler instanceof SamplerSpec.Mala) && !continuous) {
      throw new InvalidSpecException(
          path, "the " + type + " sampler needs a continuous model (spin models: gibbs, mh)");
    }
    if (sampler instanceof SamplerSpec.MetropolisHastings mh) {
      if (continuous && mh.stepSize() == null) {
        throw new InvalidSpecException(path, "the mh sampler needs a stepSize for a continuous model");
      }
      if (!continuous && mh.stepSize() != null) {
        throw new InvalidSpecException(
            path, "the mh sampler flips spins on " + domainName() + "; remove its stepSize");
      }
    }
  }

  private String domainName() {
    return spec.domain().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    Mat train;
    Mat test;
    if (truth != null) {
      RandomStream stream = RandomStream.derive(cell.seed(), "data");
      train = ((ExactSampling) truth).sampleExactly(data.train(), stream.derive("train"));
      test = ((ExactSampling) truth).sampleExactly(data.test(), stream.derive("test"));
    } else {
      train = fileTrain.toEngine(ops);
      test = fileTest.toEngine(ops);
    }
    List<Metric> metrics = new ArrayList<>();
    if (truth != null) {
      metrics.add(ExactKl.fromTruth(truth));
    }
    metrics.add(new HeldOutLogLikelihood(test));
    if (truth != null) {
      metrics.add(ParameterError.toTruth(truth));
      if (spec.domain() == Domain.CONTINUOUS) {
        metrics.add(FisherDivergence.fromTruth(truth, test));
      }
    }
    Training.run(
        cell,
        spec.initial(ops),
        train,
        Components.estimator(cell.parsed(), cell.sampler()),
        Components.optimizer(cell.optimizer(), ops, cell.steps()),
        metrics,
        recorder::curvePoint);
  }
}
