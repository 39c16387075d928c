package org.ebmbench.experiments.rbm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.data.BarsAndStripes;
import org.ebmbench.data.Binarization;
import org.ebmbench.data.Dataset;
import org.ebmbench.data.IdxImages;
import org.ebmbench.data.InvalidDataException;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.Hashing;
import org.ebmbench.experiments.run.DataUnavailableException;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.model.BernoulliRbm;

/**
 * Restricted Boltzmann machines on binary data: the distinct bars-and-stripes patterns (generated)
 * or binarized IDX images. Every metric is exact, so the smaller layer must be enumerable.
 *
 * <p>A missing IDX file skips the experiment's cells (the run goes on) with a message naming the
 * file and how to install Fashion-MNIST.
 */
public final class RbmFamily implements Family {
  /** Where Debian's dataset-fashion-mnist package installs Fashion-MNIST. */
  public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  private static final List<Class<? extends ModelSpec>> TYPES = List.of(RbmSpec.class);

  @Override
  public String name() {
    return "rbm";
  }

  @Override
  public List<Class<? extends ModelSpec>> modelTypes() {
    return TYPES;
  }

  @Override
  public PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context) {
    if (!(experiment.model() instanceof RbmSpec spec)) {
      throw new InvalidSpecException(
          path.field("model").field("type"), "not a model of the rbm family (rbm types: rbm)");
    }
    DataSpec data = experiment.data();
    FieldPath dataPath = path.field("data");
    Dataset train;
    Dataset test = null;
    DataSpec resolved = data;
    if (data.barsAndStripesPatterns()) {
      train = BarsAndStripes.patterns(data.barsAndStripes());
    } else if (data.fromIdx()) {
      Path file = context.suiteDirectory().resolve(data.idx()).normalize();
      String hash = sha256(file, data.idx(), dataPath);
      if (data.sha256() != null && !data.sha256().equalsIgnoreCase(hash)) {
        throw new InvalidSpecException(
            dataPath.field("sha256"), "the file " + data.idx() + " has SHA-256 " + hash + ", not " + data.sha256());
      }
      Dataset all = images(file, data);
      int wanted = data.rows() + data.testRows();
      if (all.rows() < wanted) {
        throw new InvalidSpecException(
            dataPath, "rows + testRows = " + wanted + " but " + data.idx() + " holds " + all.rows() + " images");
      }
      Dataset[] split = all.split(data.rows(), data.idx() + " (train)", data.idx() + " (test)");
      train = split[0];
      test = split[1];
      resolved = data.withResolvedFile(hash, data.testRows());
    } else {
      throw new InvalidSpecException(
          dataPath, "the rbm family takes {barsAndStripes: size} or {idx: file, rows, testRows}");
    }
    int smaller = Math.min(train.cols(), spec.hidden());
    if (smaller > BernoulliRbm.MAX_ENUMERATED_UNITS) {
      throw new InvalidSpecException(
          path.field("model").field("hidden"),
          "exact log-likelihoods enumerate the smaller layer, at most "
              + BernoulliRbm.MAX_ENUMERATED_UNITS + " units; " + train.cols()
              + " visible and " + spec.hidden() + " hidden units leave " + smaller);
    }
    if (experiment.batchSize() > train.rows()) {
      throw new InvalidSpecException(
          path.field("batchSize"),
          "must be at most the " + train.rows() + " training rows, got " + experiment.batchSize());
    }
    return new RbmExperiment(spec, context.engine().ops(), resolved, train, test);
  }

  /** The first rows + testRows images of {@code file}, binarized as the spec says. */
  private static Dataset images(Path file, DataSpec data) {
    Binarization binarization =
        data.binarizeSeed() != null
            ? Binarization.stochastic(data.binarizeSeed())
            : Binarization.threshold(data.threshold());
    try {
      return IdxImages.load(file, binarization, data.rows() + data.testRows());
    } catch (InvalidDataException e) {
      throw new InputException("data file " + data.idx() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException("data file " + data.idx() + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file, String shown, FieldPath path) {
    try {
      return Hashing.sha256(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new DataUnavailableException(
          path.field("idx") + ": no such file: " + shown + " (" + file + "); for Fashion-MNIST"
              + " run 'apt-get install dataset-fashion-mnist' (it installs the files under "
              + FASHION_MNIST_DIR + ") or point idx at your copy");
    } catch (IOException e) {
      throw new InputException("data file " + shown + ": cannot read: " + e.getMessage(), e);
    }
  }
}
