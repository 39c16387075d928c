package org.ebmbench.experiments.rbm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.ebmbench.data.BarsAndStripes;
import org.ebmbench.data.Binarization;
import org.ebmbench.data.Dataset;
import org.ebmbench.data.Density;
import org.ebmbench.data.IdxFile;
import org.ebmbench.data.IdxImages;
import org.ebmbench.data.InvalidDataException;
import org.ebmbench.data.ShiftingBars;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.neural.NeuralFamily;
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
import org.ebmbench.random.RandomStream;

/**
 * Restricted Boltzmann machines on binary data: the distinct bars-and-stripes or shifting-bars
 * patterns (generated) or binarized IDX images; and Gaussian-Bernoulli RBMs on draws from a named
 * density (the neural family's, drawn once per experiment from seed {@value #DENSITY_DATA_SEED}). Log-likelihoods are exact when the smaller layer
 * can be enumerated; larger models on images are scored by AIS, which their spec must ask for.
 *
 * <p>A relative IDX path is looked up in the run's data folder ({@code --data DIR}) when one is
 * given, else in the suite file's folder and then in {@value #FASHION_MNIST_DIR}. A missing IDX
 * file skips the experiment's cells (the run goes on) with a message naming the file, where it was
 * looked for and how to install Fashion-MNIST.
 */
public final class RbmFamily implements Family {
  /** Where Debian's dataset-fashion-mnist package installs Fashion-MNIST. */
  public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  /** The seed a gaussian-rbm experiment's draws from its density come from (train, then test). */
  public static final long DENSITY_DATA_SEED = 1L;

  private static final List<Class<? extends ModelSpec>> TYPES =
      List.of(RbmSpec.class, GaussianRbmSpec.class);

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
    if (!(experiment.model() instanceof RbmModelSpec spec)) {
      throw new InvalidSpecException(
          path.field("model").field("type"),
          "not a model of the rbm family (rbm types: rbm, gaussian-rbm)");
    }
    DataSpec data = experiment.data();
    FieldPath dataPath = path.field("data");
    Dataset train;
    Dataset test = null;
    DataSpec resolved = data;
    int tileWidth;
    int tileHeight;
    if (spec instanceof GaussianRbmSpec || data.fromDensity()) {
      if (!(spec instanceof GaussianRbmSpec) || !data.fromDensity()) {
        throw new InvalidSpecException(
            dataPath,
            spec instanceof GaussianRbmSpec
                ? "a gaussian-rbm takes real-valued draws {density: name, train: N, test: M}"
                : "an rbm has binary units; draws from a density need type: gaussian-rbm");
      }
      Density density = NeuralFamily.density(data.density(), dataPath.field("density"));
      train =
          density.dataset(data.train(), RandomStream.derive(DENSITY_DATA_SEED, "rbm-train"));
      test = density.dataset(data.test(), RandomStream.derive(DENSITY_DATA_SEED, "rbm-test"));
      tileWidth = train.cols();
      tileHeight = 1;
    } else if (data.barsAndStripesPatterns()) {
      train = BarsAndStripes.patterns(data.barsAndStripes());
      tileWidth = data.barsAndStripes();
      tileHeight = data.barsAndStripes();
    } else if (data.shiftingBarsPatterns()) {
      train = ShiftingBars.patterns(data.shiftingBars(), data.barLength());
      tileWidth = data.shiftingBars();
      tileHeight = 1;
    } else if (data.fromIdx()) {
      Path file = locate(data.idx(), context, dataPath);
      byte[] bytes = contents(file, data.idx());
      String hash = Hashing.sha256(bytes);
      if (data.sha256() != null && !data.sha256().equalsIgnoreCase(hash)) {
        throw new InvalidSpecException(
            dataPath.field("sha256"), "the file " + data.idx() + " has SHA-256 " + hash + ", not " + data.sha256());
      }
      Dataset all = images(file, bytes, data);
      int wanted = data.rows() + data.testRows();
      if (all.rows() < wanted) {
        throw new InvalidSpecException(
            dataPath, "rows + testRows = " + wanted + " but " + data.idx() + " holds " + all.rows() + " images");
      }
      Dataset[] split = all.split(data.rows(), data.idx() + " (train)", data.idx() + " (test)");
      train = split[0];
      test = split[1];
      resolved = data.withResolvedFile(hash, data.testRows());
      int side = (int) Math.round(Math.sqrt(train.cols()));
      tileWidth = side * side == train.cols() ? side : train.cols();
      tileHeight = side * side == train.cols() ? side : 1;
    } else {
      throw new InvalidSpecException(
          dataPath,
          "the rbm family takes {barsAndStripes: size}, {shiftingBars: width, barLength} or {idx:"
              + " file, rows, testRows}");
    }
    int smaller = Math.min(train.cols(), spec.hidden());
    if (spec instanceof RbmSpec bernoulli
        && smaller > BernoulliRbm.MAX_ENUMERATED_UNITS
        && (test == null || bernoulli.ais() == null)) {
      throw new InvalidSpecException(
          path.field("model").field("hidden"),
          "exact log-likelihoods enumerate the smaller layer, at most "
              + BernoulliRbm.MAX_ENUMERATED_UNITS + " units; " + train.cols()
              + " visible and " + spec.hidden() + " hidden units leave " + smaller
              + (test == null ? "" : " (give the model an ais: {steps, runs} to estimate them)"));
    }
    if (experiment.batchSize() > train.rows()) {
      throw new InvalidSpecException(
          path.field("batchSize"),
          "must be at most the " + train.rows() + " training rows, got " + experiment.batchSize());
    }
    return new RbmExperiment(
        spec, context.engine().ops(), resolved, train, test, tileWidth, tileHeight);
  }

  /**
   * The first rows + testRows images of {@code file}, whose bytes are {@code bytes} (read once for
   * both the checksum and the images), binarized as the spec says.
   */
  private static Dataset images(Path file, byte[] bytes, DataSpec data) {
    Binarization binarization =
        data.binarizeSeed() != null
            ? Binarization.stochastic(data.binarizeSeed())
            : Binarization.threshold(data.threshold());
    try {
      return IdxImages.load(
          IdxFile.parse(file, bytes), binarization, data.rows() + data.testRows());
    } catch (InvalidDataException e) {
      throw new InputException("data file " + data.idx() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The IDX file: an absolute path as given; a relative one in the data folder if the run has one,
   * else the first of the suite's folder and {@value #FASHION_MNIST_DIR} that holds it.
   *
   * @throws DataUnavailableException naming every place looked in and how to get the data
   */
  private static Path locate(String idx, Context context, FieldPath dataPath) {
    Path given = Path.of(idx);
    List<Path> candidates =
        given.isAbsolute()
            ? List.of(given)
            : context.dataDirectory() != null
                ? List.of(context.dataDirectory().resolve(given).normalize())
                : List.of(
                    context.suiteDirectory().resolve(given).normalize(),
                    Path.of(FASHION_MNIST_DIR).resolve(given));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new DataUnavailableException(
        dataPath.field("idx") + ": no such file: " + idx + " (looked for "
            + candidates.stream().map(Path::toString).collect(Collectors.joining(" and "))
            + "); for Fashion-MNIST run 'apt-get install dataset-fashion-mnist' (it installs the"
            + " files under " + FASHION_MNIST_DIR + "), or pass --data DIR with the folder of your"
            + " copy");
  }

  private static byte[] contents(Path file, String shown) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException("data file " + shown + ": cannot read: " + e.getMessage(), e);
    }
  }
}
