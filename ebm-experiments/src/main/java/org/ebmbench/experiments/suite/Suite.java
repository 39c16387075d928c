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
 * @param timeLimit seconds one training run of a cell may take, for experiments that do not set
 *     their own (default {@link #DEFAULT_TIME_LIMIT})
 * @param engines the engines every experiment's cells run on unless it lists its own (default
 *     {@link EngineNames#DEFAULT}); {@code ebm run --engine} replaces both
 */
public record Suite(
    String name,
    String description,
    List<Long> seeds,
    List<ExperimentSpec> experiments,
    Map<String, Tolerance> tolerances,
    Double timeLimit,
    List<String> engines) {

  /** The time limit of a cell when neither the experiment nor the suite sets one: an hour. */
  public static final double DEFAULT_TIME_LIMIT = 3600;

  /** The shortest time limit a suite may set, in seconds. */
  public static final double MIN_TIME_LIMIT = 0.001;

  /** The longest time limit a suite may set, in seconds: a week. */
  public static final double MAX_TIME_LIMIT = 7 * 24 * 3600;

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
        experiments.stream().map(e -> e.withSeeds(null)).toList(),
        tolerances,
        timeLimit,
        engines);
  }

  /** The time limit of {@code experiment}, in seconds, with the defaults applied. */
  public double timeLimitOf(ExperimentSpec experiment) {
    if (experiment.timeLimit() != null) {
      return experiment.timeLimit();
    }
    return timeLimit != null ? timeLimit : DEFAULT_TIME_LIMIT;
  }

  /** The engine names {@code experiment}'s cells run on, with the defaults applied. */
  public List<String> enginesOf(ExperimentSpec experiment) {
    if (experiment.engines() != null) {
      return experiment.engines();
    }
    return engines != null ? engines : EngineNames.DEFAULT;
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
    if (timeLimit != null) {
      Check.between(root.field("timeLimit"), timeLimit, MIN_TIME_LIMIT, MAX_TIME_LIMIT);
    }
    if (engines != null) {
      EngineNames.validate(root.field("engines"), engines);
    }
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
