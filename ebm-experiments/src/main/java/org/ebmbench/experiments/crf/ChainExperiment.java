package org.ebmbench.experiments.crf;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.ebmbench.crf.ChainContrastiveDivergence;
import org.ebmbench.crf.ChainCrf;
import org.ebmbench.crf.ChainGradientEstimator;
import org.ebmbench.crf.ChainObjective;
import org.ebmbench.crf.ChainPseudoLikelihood;
import org.ebmbench.crf.ExactChainGradient;
import org.ebmbench.crf.ChainLikelihoodKernel;
import org.ebmbench.crf.LabeledSequence;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.random.RandomStream;

/**
 * A chain-CRF experiment (synthetic or CoNLL-2000), its data read once and shared by every cell.
 * Estimators: exact-mle (forward-backward; with sgd, adam or lbfgs), cd-K and pcd-K (Gibbs over
 * the labels given x, one persistent chain per training sequence), pseudo-likelihood. Exact MLE
 * runs forward-backward on the cell's engine ({@link EngineChainLikelihoodKernel}): docs/CRF.md
 * says why and what it costs against the host kernel.
 */
final class ChainExperiment implements PreparedExperiment {
  /** Settings of the exact objective that L-BFGS minimizes. */
  record Settings(double l2, int blocks, int threads) {}

  /**
   * The encoded data: attribute and label counts, training sequences, and the metrics of a model.
   */
  record Loaded(
      int attributes,
      int labels,
      List<LabeledSequence> train,
      Function<ChainCrf, Map<String, Double>> metrics) {}

  private final DataSpec data;
  private final int trainingSize;
  private final Supplier<Loaded> loader;
  private Loaded loaded;
  private final Settings settings;
  private final Ops ops;
  private final ChainLikelihoodKernel kernel;

  /**
   * @param trainingSize the number of training sequences (known before loading)
   * @param loader reads and encodes the data; called once, at the first cell, so that planning
   *     a suite stays cheap
   * @param ops the engine's operations (the optimizers' state)
   * @param kernel exact MLE's forward-backward
   */
  ChainExperiment(
      DataSpec data,
      int trainingSize,
      Supplier<Loaded> loader,
      Settings settings,
      Ops ops,
      ChainLikelihoodKernel kernel) {
    this.data = data;
    this.trainingSize = trainingSize;
    this.loader = loader;
    this.settings = settings;
    this.ops = ops;
    this.kernel = kernel;
  }

  int trainingSize() {
    return trainingSize;
  }

  private synchronized Loaded loaded() {
    if (loaded == null) {
      loaded = loader.get();
      if (loaded.train().size() != trainingSize) {
        throw new IllegalStateException(
            "crf: planned for " + trainingSize + " training sequences but read "
                + loaded.train().size());
      }
    }
    return loaded;
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
    CrfFamily.checkEstimator(estimator, sampler, path, true);
  }

  @Override
  public void run(Cell cell, CellRecorder recorder) {
    Loaded d = loaded();
    HostProblem problem = new Problem(d, estimator(cell));
    if (cell.optimizer() instanceof OptimizerSpec.Lbfgs) {
      try (ChainObjective objective =
          new ChainObjective(
              d.attributes(), d.labels(), d.train(), settings.l2(), settings.blocks(),
              settings.threads(), kernel)) {
        HostTraining.lbfgs(cell, problem, objective, recorder::curvePoint);
      }
    } else {
      HostTraining.stochastic(cell, problem, ops, recorder::curvePoint);
    }
  }

  private ChainGradientEstimator estimator(Cell cell) {
    EstimatorSpec.Parsed parsed = cell.parsed();
    RandomStream chains = RandomStream.derive(cell.seed(), "sampler");
    return switch (parsed.kind()) {
      case EXACT_MLE -> new ExactChainGradient(kernel);
      case CD -> new ChainContrastiveDivergence(parsed.k(), false, chains);
      case PCD -> new ChainContrastiveDivergence(parsed.k(), true, chains);
      case PSEUDO_LIKELIHOOD -> new ChainPseudoLikelihood();
      default -> throw new IllegalStateException("checked by checkEstimator: " + parsed.kind());
    };
  }

  private final class Problem implements HostProblem {
    private final int attributes;
    private final int labels;
    private final List<LabeledSequence> train;
    private final Function<ChainCrf, Map<String, Double>> metrics;
    private final ChainGradientEstimator estimator;

    Problem(Loaded data, ChainGradientEstimator estimator) {
      this.attributes = data.attributes();
      this.labels = data.labels();
      this.train = data.train();
      this.metrics = data.metrics();
      this.estimator = estimator;
    }

    @Override
    public int dimension() {
      return ChainCrf.parameterCount(attributes, labels);
    }

    @Override
    public int trainingSize() {
      return train.size();
    }

    @Override
    public double l2() {
      return settings.l2();
    }

    @Override
    public void addGradient(double[] w, int[] rows, double[] gradient) {
      estimator.addGradient(ChainCrf.view(attributes, labels, w), train, rows, gradient);
    }

    @Override
    public Map<String, Double> evaluate(double[] w) {
      return metrics.apply(ChainCrf.view(attributes, labels, w));
    }
  }

  /** Mean log P(y|x) over the sequences: the held-out log-likelihood, exact. */
  static double meanLogLikelihood(ChainCrf model, List<LabeledSequence> sequences) {
    return IntStream.range(0, sequences.size())
            .mapToDouble(n -> model.logLikelihood(sequences.get(n)))
            .sum()
        / sequences.size();
  }

  /** The fraction of positions where Viterbi's labels equal the given ones. */
  static double tokenAccuracy(ChainCrf model, List<LabeledSequence> sequences) {
    long right = 0;
    long total = 0;
    for (LabeledSequence s : sequences) {
      int[] best = model.viterbi(s.x());
      for (int t = 0; t < best.length; t++) {
        right += best[t] == s.y()[t] ? 1 : 0;
      }
      total += best.length;
    }
    return (double) right / total;
  }
}
