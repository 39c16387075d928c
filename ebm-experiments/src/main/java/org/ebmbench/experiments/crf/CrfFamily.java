package org.ebmbench.experiments.crf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ebmbench.crf.ChainCrf;
import org.ebmbench.crf.ChainLikelihoodKernel;
import org.ebmbench.crf.EngineChainLikelihoodKernel;
import org.ebmbench.crf.HostChainLikelihoodKernel;
import org.ebmbench.crf.LabeledSequence;
import org.ebmbench.crf.Sequence;
import org.ebmbench.crf.SyntheticChainTask;
import org.ebmbench.crf.conll.ChunkCorpus;
import org.ebmbench.crf.conll.ChunkEvaluation;
import org.ebmbench.crf.conll.ChunkFeatures;
import org.ebmbench.crf.conll.Conll2000Files;
import org.ebmbench.crf.conll.ConllReader;
import org.ebmbench.crf.conll.ConllSentence;
import org.ebmbench.crf.grid.GridCrf;
import org.ebmbench.crf.grid.ShapeImages;
import org.ebmbench.data.InvalidDataException;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.run.DataUnavailableException;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.random.RandomStream;

/**
 * Conditional random fields: the synthetic chain task ({@code chain-crf}, exact KL to a known
 * truth), CoNLL-2000 chunking ({@code conll-crf}) and binary grid denoising ({@code grid-crf}).
 * The CRFs run on host arrays (docs/CRF.md, "Where the engine line falls"); the engine runs the
 * sgd and adam optimizers. A missing CoNLL-2000 directory skips its experiments.
 */
public final class CrfFamily implements Family {
  private static final List<Class<? extends ModelSpec>> TYPES =
      List.of(ChainCrfSpec.class, ConllCrfSpec.class, GridCrfSpec.class);

  @Override
  public String name() {
    return "crf";
  }

  @Override
  public List<Class<? extends ModelSpec>> modelTypes() {
    return TYPES;
  }

  @Override
  public PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context) {
    FieldPath dataPath = path.field("data");
    DataSpec data = experiment.data();
    int trainingSize;
    PreparedExperiment prepared;
    boolean chain;
    if (experiment.model() instanceof ChainCrfSpec spec) {
      requireDrawn(data, dataPath, "sequences");
      ChainExperiment e = synthetic(spec, data, context);
      trainingSize = e.trainingSize();
      prepared = e;
      chain = true;
    } else if (experiment.model() instanceof ConllCrfSpec spec) {
      ChainExperiment e = conll(spec, data, dataPath, context);
      trainingSize = e.trainingSize();
      prepared = e;
      chain = true;
    } else if (experiment.model() instanceof GridCrfSpec spec) {
      requireDrawn(data, dataPath, "images");
      GridExperiment e = grid(spec, data, context);
      trainingSize = data.train();
      prepared = e;
      chain = false;
    } else {
      throw new InvalidSpecException(
          path.field("model").field("type"),
          "not a model of the crf family (crf types: chain-crf, conll-crf, grid-crf)");
    }
    checkOptimizers(experiment, path, trainingSize, chain);
    return prepared;
  }

  /** The estimators the crf family runs, with their samplers. */
  static void checkEstimator(
      EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath path, boolean exactApplies) {
    switch (estimator.kind()) {
      case SCORE_MATCHING -> throw new InvalidSpecException(
          path, "score-matching needs a continuous model; CRF labels are discrete");
      case EXACT_MLE -> {
        if (!exactApplies) {
          throw new InvalidSpecException(
              path, "exact-mle enumerates log Z(x): grids of at most 20 sites only");
        }
      }
      case CD, PCD -> {
        if (!(sampler instanceof SamplerSpec.Gibbs)) {
          throw new InvalidSpecException(
              path, "CRF chains are Gibbs samplers over the labels; use sampler {type: gibbs}");
        }
      }
      case PSEUDO_LIKELIHOOD -> {}
      default -> throw new InvalidSpecException(
          path, "this estimator needs a neural energy: use it in the neural family");
    }
  }

  /** L-BFGS only for exact MLE on a chain, with the full batch; batches fit the data. */
  private static void checkOptimizers(
      ExperimentSpec experiment, FieldPath path, int trainingSize, boolean chain) {
    if (experiment.batchSize() > trainingSize) {
      throw new InvalidSpecException(
          path.field("batchSize"),
          "must be at most the " + trainingSize + " training examples, got "
              + experiment.batchSize());
    }
    for (int i = 0; i < experiment.estimators().size(); i++) {
      EstimatorSpec estimator = experiment.estimators().get(i);
      OptimizerSpec optimizer =
          estimator.optimizer() != null ? estimator.optimizer() : experiment.optimizer();
      if (!(optimizer instanceof OptimizerSpec.Lbfgs)) {
        continue;
      }
      FieldPath at = path.field("estimators").index(i);
      if (!chain || !estimator.name().equals("exact-mle")) {
        throw new InvalidSpecException(
            at, "lbfgs minimizes the exact objective: chain CRFs with exact-mle only, not '"
                + estimator.name() + "' here");
      }
      if (experiment.batchSize() != trainingSize) {
        throw new InvalidSpecException(
            path.field("batchSize"),
            "lbfgs is full-batch: set batchSize to the " + trainingSize + " training sequences");
      }
    }
  }

  private static void requireDrawn(DataSpec data, FieldPath path, String what) {
    if (!data.drawnFromModel()) {
      throw new InvalidSpecException(
          path, "this crf model generates its data: give {train: N, test: M} " + what);
    }
  }

  private static ChainExperiment synthetic(ChainCrfSpec spec, DataSpec data, Context context) {
    return new ChainExperiment(
        data,
        data.train(),
        () -> {
          SyntheticChainTask task =
              SyntheticChainTask.generate(
                  spec.attributes(), spec.labels(), spec.attributesPerPosition(), spec.length(),
                  data.train(), data.test(), spec.weightScale(), spec.seed());
          return new ChainExperiment.Loaded(
              spec.attributes(),
              spec.labels(),
              task.train(),
              model -> {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("klTrueToModel", task.meanHeldOutKl(model));
                m.put(
                    "heldOutLogLikelihood", ChainExperiment.meanLogLikelihood(model, task.test()));
                m.put("tokenAccuracy", ChainExperiment.tokenAccuracy(model, task.test()));
                return m;
              });
        },
        new ChainExperiment.Settings(spec.l2(), 4, 1),
        context.engine().ops(),
        chainKernel(context));
  }

  /**
   * Finds the CoNLL directory, hashes it and counts the training sentences; reading and encoding
   * (seconds for the whole corpus) wait for the first cell.
   */
  private static ChainExperiment conll(
      ConllCrfSpec spec, DataSpec data, FieldPath path, Context context) {
    if (data.file() == null || data.drawnFromModel()) {
      throw new InvalidSpecException(
          path, "conll-crf reads CoNLL-2000: give {file: conll2000} (a directory with train.txt"
              + " and test.txt), optionally rows and testRows");
    }
    List<Path> candidates = List.of(context.suiteDirectory().resolve(data.file()).normalize());
    Path dir =
        Conll2000Files.locate(candidates)
            .orElseThrow(
                () ->
                    new DataUnavailableException(
                        "CoNLL-2000 (train.txt and test.txt) not found; looked in "
                            + Conll2000Files.places(candidates).stream()
                                .map(Path::toString)
                                .collect(Collectors.joining(", "))
                            + "; " + Conll2000Files.HOW_TO_INSTALL));
    int trainCount = limit(sentenceCount(dir.resolve("train.txt")), data.rows());
    int testCount = limit(sentenceCount(dir.resolve("test.txt")), data.testRows());
    DataSpec resolved = data.withResolvedFile(hash(dir), testCount);
    return new ChainExperiment(
        resolved, trainCount, () -> loadConll(dir, data), 
        new ChainExperiment.Settings(spec.l2(), spec.blocks(), spec.threads()),
        context.engine().ops(),
        chainKernel(context));
  }

  private static ChainLikelihoodKernel chainKernel(Context context) {
    return chainKernel(context.engine());
  }

  /**
   * Exact MLE's forward-backward: on the cell's engine ({@link EngineChainLikelihoodKernel}), so
   * that the gpu engine computes it, except on an engine that {@linkplain
   * Engine#prefersHostKernels prefers host kernels} (the cpu engine), where the host kernel is twice
   * as fast on small mini-batches (docs/CRF.md) and keeps the cpu results as they were, bit for
   * bit.
   */
  static ChainLikelihoodKernel chainKernel(Engine engine) {
    if (engine.prefersHostKernels()) {
      return new HostChainLikelihoodKernel();
    }
    return new EngineChainLikelihoodKernel(engine.ops());
  }

  private static ChainExperiment.Loaded loadConll(Path dir, DataSpec data) {
    List<ConllSentence> train = first(read(dir.resolve("train.txt")), data.rows());
    List<ConllSentence> test = first(read(dir.resolve("test.txt")), data.testRows());
    ChunkCorpus corpus = new ChunkCorpus(train);
    List<LabeledSequence> heldOut = corpus.encodeHeldOut(test);
    List<Sequence> testInputs =
        test.stream().map(s -> ChunkFeatures.encode(s, corpus.attributes())).toList();
    List<String[]> gold = test.stream().map(ConllSentence::chunkTags).toList();
    int attributes = corpus.attributes().size();
    int labels = corpus.labels().size();
    double parameters = ChainCrf.parameterCount(attributes, labels);
    return new ChainExperiment.Loaded(
        attributes,
        labels,
        corpus.training(),
        model -> {
          List<String[]> guessed =
              testInputs.stream()
                  .map(x -> java.util.Arrays.stream(model.viterbi(x))
                      .mapToObj(y -> corpus.labels().name(y))
                      .toArray(String[]::new))
                  .toList();
          ChunkEvaluation scores = ChunkEvaluation.of(gold, guessed);
          Map<String, Double> m = new LinkedHashMap<>();
          m.put("chunkF1", scores.f1());
          m.put("tokenAccuracy", scores.accuracy());
          m.put("heldOutLogLikelihood", ChainExperiment.meanLogLikelihood(model, heldOut));
          m.put("parameters", parameters);
          return m;
        });
  }

  private static int limit(int count, Integer rows) {
    return rows == null ? count : Math.min(count, rows);
  }

  /** Sentences in a CoNLL file: runs of non-blank lines. */
  private static int sentenceCount(Path file) {
    try (java.util.stream.Stream<String> lines = Files.lines(file)) {
      int[] count = {0};
      boolean[] inside = {false};
      lines.forEach(
          line -> {
            boolean blank = line.isBlank();
            if (!blank && !inside[0]) {
              count[0]++;
            }
            inside[0] = !blank;
          });
      return count[0];
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("CoNLL file " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<ConllSentence> read(Path file) {
    try {
      return ConllReader.read(file);
    } catch (InvalidDataException | UncheckedIOException e) {
      throw new InputException("CoNLL file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<ConllSentence> first(List<ConllSentence> sentences, Integer count) {
    return count == null ? sentences : sentences.subList(0, Math.min(count, sentences.size()));
  }

  /** SHA-256 of train.txt then test.txt: the cell key names the data, not where it sits. */
  private static String hash(Path dir) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Files.readAllBytes(dir.resolve("train.txt")));
      digest.update(Files.readAllBytes(dir.resolve("test.txt")));
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InputException("CoNLL directory " + dir + ": cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static GridExperiment grid(GridCrfSpec spec, DataSpec data, Context context) {
    return new GridExperiment(spec, data, () -> images(spec, data), context.engine().ops());
  }

  private static GridExperiment.Images images(GridCrfSpec spec, DataSpec data) {
    RandomStream trainImages = RandomStream.derive(spec.seed(), "grid-train");
    RandomStream testImages = RandomStream.derive(spec.seed(), "grid-test");
    if (spec.truth() == null) {
      return new GridExperiment.Images(
          ShapeImages.generate(spec.height(), spec.width(), data.train(), spec.noise(), trainImages),
          ShapeImages.generate(spec.height(), spec.width(), data.test(), spec.noise(), testImages),
          null);
    }
    List<Double> t = spec.truth();
    GridCrf truth = GridCrf.of(spec.height(), spec.width(), t.get(0), t.get(1), t.get(2));
    return new GridExperiment.Images(
        ShapeImages.drawnFrom(truth, data.train(), spec.noise(), trainImages),
        ShapeImages.drawnFrom(truth, data.test(), spec.noise(), testImages),
        truth);
  }
}
