package org.ebmbench.experiments.toy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.data.CsvReader;
import org.ebmbench.experiments.results.Hashing;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.model.ExponentialFamily;

/**
 * The exact-Z toy family: Ising (enumeration), Gaussian (closed form) and double-well
 * (quadrature) models, whose exact KL to the truth and held-out log-likelihood show how close
 * each estimator gets.
 */
public final class ToyFamily implements Family {
  private static final List<Class<? extends ModelSpec>> TYPES =
      List.of(IsingSpec.class, GaussianSpec.class, DoubleWellSpec.class);

  @Override
  public String name() {
    return "toy";
  }

  @Override
  public List<Class<? extends ModelSpec>> modelTypes() {
    return TYPES;
  }

  @Override
  public PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context) {
    if (!(experiment.model() instanceof ToyModelSpec spec)) {
      throw new InvalidSpecException(
          path.field("model").field("type"),
          "not a model of the toy family (toy types: " + SuiteLoader.typeNames(TYPES) + ")");
    }
    Ops ops = context.engine().ops();
    DataSpec data = experiment.data();
    FieldPath dataPath = path.field("data");
    if (data.barsAndStripesPatterns() || data.shiftingBarsPatterns() || data.fromIdx()
        || data.fromDensity()) {
      throw new InvalidSpecException(
          dataPath, "the toy family takes data drawn from its model or a CSV file, not "
              + (data.fromIdx()
                  ? "idx images"
                  : data.fromDensity() ? "a named density" : "generated patterns"));
    }
    if (!data.fromFile()) {
      spec.checkExactSampling(path.field("model"));
      if (experiment.batchSize() > data.train()) {
        throw new InvalidSpecException(
            path.field("batchSize"),
            "must be at most the " + data.train() + " training rows, got " + experiment.batchSize());
      }
      return new ToyExperiment(spec, ops, data, truth(spec, ops, path), null, null);
    }
    Path file = context.suiteDirectory().resolve(data.file()).normalize();
    String hash = sha256(file, data.file(), dataPath);
    if (data.sha256() != null && !data.sha256().equalsIgnoreCase(hash)) {
      throw new InvalidSpecException(
          dataPath.field("sha256"), "the file " + data.file() + " has SHA-256 " + hash + ", not " + data.sha256());
    }
    Dataset all = CsvReader.read(file, data.file(), data.header(), spec.domain());
    if (all.cols() != spec.dimension()) {
      throw new InputException(
          "data file " + data.file() + " has " + all.cols() + " columns, but the model of "
              + path.field("model") + " has " + spec.dimension() + " variables");
    }
    int testRows = data.testRows() != null ? data.testRows() : Math.max(1, all.rows() / 5);
    if (testRows >= all.rows()) {
      throw new InvalidSpecException(
          dataPath.field("testRows"),
          "must leave training rows: the file has " + all.rows() + " rows, got " + testRows);
    }
    int trainRows = all.rows() - testRows;
    if (experiment.batchSize() > trainRows) {
      throw new InvalidSpecException(
          path.field("batchSize"),
          "must be at most the " + trainRows + " training rows of " + data.file() + ", got "
              + experiment.batchSize());
    }
    Dataset[] split = all.split(trainRows, data.file() + " (train)", data.file() + " (test)");
    DataSpec resolved = DataSpec.csv(data.file(), testRows, data.header(), hash);
    return new ToyExperiment(spec, ops, resolved, null, split[0], split[1]);
  }

  /** Builds the true model now, so a spec the model rejects stops the run before it starts. */
  private static ExponentialFamily truth(ToyModelSpec spec, Ops ops, FieldPath path) {
    try {
      return spec.truth(ops);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException(path.field("model"), e.getMessage());
    }
  }

  private static String sha256(Path file, String shown, FieldPath path) {
    try {
      return Hashing.sha256(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidSpecException(path.field("file"), "no such file: " + shown + " (" + file + ")");
    } catch (IOException e) {
      throw new InputException("data file " + shown + ": cannot read: " + e.getMessage(), e);
    }
  }
}
