package org.ebmbench.experiments.suite;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A suite file: a name, a description, default seeds and a list of experiments. See
 * docs/SUITES.md for the format.
 *
 * @param name a short name, used in run ids ([A-Za-z0-9_.-]+)
 * @param description what the suite is for
 * @param seeds the seeds every experiment runs with unless it lists its own (default [1])
 * @param experiments the experiments
 * @param tolerances per summary metric, overrides of the regression check's defaults (empty if
 *     none)
 */
public record Suite(
    String name,
    String description,
    List<Long> seeds,
    List<ExperimentSpec> experiments,
    Map<String, Tolerance> tolerances) {

  public Suite {
    seeds = seeds == null ? List.of(1L) : seeds;
    tolerances = tolerances == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tolerances));
  }

  /** This suite with every experiment's seeds replaced, as {@code --seed} does. */
  public Suite withSeeds(List<Long> newSeeds) {
    return new Suite(
        name,
        description,
        newSeeds,
        experiments.stream()
            .map(
                e ->
                    new ExperimentSpec(
                        e.family(), e.model(), e.data(), e.estimators(), e.sampler(),
                        e.optimizer(), e.steps(), e.batchSize(), e.evaluateEvery(), null))
            .toList(),
        tolerances);
  }

  /** Checks the top-level fields and every experiment's shared fields. */
  public void validate() {
    FieldPath root = FieldPath.root();
    Check.required(root.field("name"), name);
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new InvalidSpecException(
          root.field("name"),
          "must be 1 to 64 letters, digits, '_', '.' or '-', got '" + name + "'");
    }
    Check.nonEmpty(root.field("seeds"), seeds);
    Check.nonEmpty(root.field("experiments"), experiments);
    for (int i = 0; i < experiments.size(); i++) {
      FieldPath path = root.field("experiments").index(i);
      Check.required(path, experiments.get(i)).validate(path);
    }
    for (Map.Entry<String, Tolerance> e : tolerances.entrySet()) {
      FieldPath path = root.field("tolerances").field(e.getKey());
      Tolerance.validateMetricName(path, e.getKey());
      Check.required(path, e.getValue()).validate(path);
    }
  }
}
