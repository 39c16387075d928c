package org.ebmbench.experiments.neural;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebmbench.data.Density;
import org.ebmbench.data.GaussianMixture;
import org.ebmbench.data.ToyDensities;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * MLP energies learned from draws of a known density: the 2-D toy densities (scored exactly by
 * quadrature on a grid) and the d-dimensional Gaussian mixture {@code mixtureD} (scored by a Monte
 * Carlo Fisher divergence; the cost-versus-dimension experiment). See docs/NEURAL.md.
 */
public final class NeuralFamily implements Family {
  /** The largest d of {@code mixtureD}. */
  public static final int MAX_MIXTURE_DIMENSION = 1024;

  private static final List<Class<? extends ModelSpec>> TYPES = List.of(MlpSpec.class);
  private static final Pattern MIXTURE = Pattern.compile("mixture([0-9]{1,4})");

  @Override
  public String name() {
    return "neural";
  }

  @Override
  public List<Class<? extends ModelSpec>> modelTypes() {
    return TYPES;
  }

  @Override
  public PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context) {
    if (!(experiment.model() instanceof MlpSpec spec)) {
      throw new InvalidSpecException(
          path.field("model").field("type"), "not a model of the neural family (neural types: mlp)");
    }
    DataSpec data = experiment.data();
    FieldPath dataPath = path.field("data");
    if (!data.fromDensity()) {
      throw new InvalidSpecException(
          dataPath, "the neural family takes {density: name, train: N, test: M}");
    }
    Density density = density(data.density(), dataPath.field("density"));
    if (experiment.batchSize() > data.train()) {
      throw new InvalidSpecException(
          path.field("batchSize"),
          "must be at most the " + data.train() + " training rows, got " + experiment.batchSize());
    }
    if (spec.batchParts() != null && spec.batchParts() > experiment.batchSize()) {
      throw new InvalidSpecException(
          path.field("model").field("batchParts"),
          "a batch of " + experiment.batchSize() + " rows cannot split into " + spec.batchParts()
              + " parts");
    }
    if (data.test() < 2) {
      throw new InvalidSpecException(
          dataPath.field("test"), "the Fisher divergence needs at least 2 test rows, got " + data.test());
    }
    return new NeuralExperiment(spec, context.engine().ops(), data, density);
  }

  /**
   * The density called {@code name}: a 2-D toy density or mixtureD (also the rbm family's source
   * of real-valued data).
   *
   * @throws InvalidSpecException naming {@code path} and the known names
   */
  public static Density density(String name, FieldPath path) {
    Matcher mixture = MIXTURE.matcher(name);
    if (mixture.matches()) {
      int d = Integer.parseInt(mixture.group(1));
      if (d < 1 || d > MAX_MIXTURE_DIMENSION) {
        throw new InvalidSpecException(
            path, "mixtureD takes d from 1 to " + MAX_MIXTURE_DIMENSION + ", got " + d);
      }
      return GaussianMixture.axes(d);
    }
    if (!ToyDensities.NAMES.contains(name)) {
      throw new InvalidSpecException(
          path,
          "unknown density '" + name + "' (known: " + String.join(", ", ToyDensities.NAMES)
              + ", mixtureD for d = 1.." + MAX_MIXTURE_DIMENSION + ")");
    }
    return ToyDensities.byName(name);
  }
}
