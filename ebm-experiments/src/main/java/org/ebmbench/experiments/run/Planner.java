package org.ebmbench.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.experiments.suite.Suite;
import org.ebmbench.experiments.suite.SuiteException;

/**
 * Validates a whole suite against its families and expands it into cells (experiment x
 * estimator x seed), before any cell runs: a mistake in the last experiment stops the run
 * before the first one starts.
 */
public final class Planner {
  private final Families families;
  private final Path dataDirectory;

  public Planner(Families families) {
    this(families, null);
  }

  /**
   * @param dataDirectory where families look for installed data sets ({@code --data DIR}), or null
   */
  public Planner(Families families, Path dataDirectory) {
    this.families = families;
    this.dataDirectory = dataDirectory;
  }

  /**
   * @param loaded a suite that passed the shared validation
   * @param engine the engine the cells will run on
   * @param selectedFamilies the families to run; empty means all
   * @throws SuiteException naming the suite file and field at fault
   * @throws InputException for data file problems or when nothing is left to run
   */
  public Plan plan(LoadedSuite loaded, Engine engine, List<String> selectedFamilies) {
    return plan(loaded, List.of(engine), selectedFamilies);
  }

  /**
   * Like {@link #plan(LoadedSuite, Engine, List)}, with every cell run on each of {@code engines}
   * (to compare them): the engine is part of each cell's key, so the cells stay distinct.
   */
  public Plan plan(LoadedSuite loaded, List<Engine> engines, List<String> selectedFamilies) {
    return plan(loaded, EngineChoice.fixed(engines), selectedFamilies);
  }

  /**
   * Like {@link #plan(LoadedSuite, Engine, List)}, with each experiment's cells run on each of
   * the engines {@code engines} chooses for it (the suite's {@code engines}, or the command
   * line's).
   */
  public Plan plan(LoadedSuite loaded, EngineChoice engines, List<String> selectedFamilies) {
    try {
      return expand(loaded, engines, selectedFamilies);
    } catch (InvalidSpecException e) {
      throw new SuiteException(loaded.prefix() + e.getMessage(), e);
    }
  }

  private Plan expand(LoadedSuite loaded, EngineChoice choice, List<String> selectedFamilies) {
    Suite suite = loaded.suite();
    Set<String> selected = new LinkedHashSet<>(selectedFamilies);
    selected.forEach(families::checkKnownOption);
    List<String> notes = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    Map<String, PreparedExperiment> prepared = new TreeMap<>();
    Map<Integer, String> skipped = new TreeMap<>();
    Map<String, String> seenKeys = new HashMap<>();
    Set<String> familiesInSuite = new LinkedHashSet<>();
    Map<String, Engine> enginesUsed = new LinkedHashMap<>();

    for (int i = 0; i < suite.experiments().size(); i++) {
      ExperimentSpec spec = suite.experiments().get(i);
      FieldPath path = FieldPath.root().field("experiments").index(i);
      familiesInSuite.add(spec.family());
      if (!selected.isEmpty() && !selected.contains(spec.family())) {
        if (!Families.KNOWN.contains(spec.family())) {
          families.require(spec.family(), path.field("family"));
        }
        continue;
      }
      Family family = families.require(spec.family(), path.field("family"));
      List<Engine> engines = choice.enginesOf(suite, spec, path);
      engines.forEach(e -> enginesUsed.putIfAbsent(e.name(), e));
      PreparedExperiment experiment = null;
      try {
        for (Engine engine : engines) {
          PreparedExperiment forEngine =
              family.prepare(
                  spec, path, new Family.Context(engine, loaded.directory(), dataDirectory));
          prepared.put(Plan.experimentKey(i, engine.name()), forEngine);
          experiment = experiment == null ? forEngine : experiment;
        }
      } catch (DataUnavailableException e) {
        skipped.put(i, e.getMessage());
        notes.add(path + " (" + spec.family() + "): skipped: " + e.getMessage());
      }
      List<Long> seeds = spec.seeds() != null ? spec.seeds() : suite.seeds();
      for (int j = 0; j < spec.estimators().size(); j++) {
        FieldPath estimatorPath = path.field("estimators").index(j);
        EstimatorSpec estimator = spec.estimators().get(j);
        EstimatorSpec.Parsed parsed = estimator.validate(estimatorPath);
        SamplerSpec sampler = null;
        if (parsed.usesSampler()) {
          sampler =
              firstNonNull(
                  estimator.sampler(),
                  spec.sampler(),
                  experiment == null ? null : experiment.defaultSampler());
          if (sampler == null && experiment != null) {
            throw new InvalidSpecException(
                path.field("sampler"),
                "required by '" + estimator.name() + "' for this model (allowed: "
                    + SamplerSpec.ALLOWED + ")");
          }
        }
        if (experiment != null) {
          experiment.checkEstimator(parsed, sampler, estimatorPath);
        }
        OptimizerSpec optimizer = firstNonNull(estimator.optimizer(), spec.optimizer(), null);
        for (long seed : seeds) {
          for (Engine engine : engines) {
            Cell unkeyed =
                new Cell(
                    null, i, spec.family(), spec.model(),
                    experiment == null ? spec.data() : experiment.data(), estimator, parsed,
                    sampler, optimizer, spec.steps(), spec.batchSize(),
                    spec.evaluateEveryOrDefault(), seed, engine.name());
            String key = CellKeys.key(unkeyed);
            String where = estimatorPath + " with seed " + seed;
            String earlier = seenKeys.putIfAbsent(key, where);
            if (earlier != null) {
              throw new InvalidSpecException(
                  estimatorPath, "with seed " + seed + " repeats the cell of " + earlier
                      + " (same settings, key " + key + ")");
            }
            cells.add(withKey(unkeyed, key));
          }
        }
      }
    }
    for (String family : selected) {
      if (!familiesInSuite.contains(family)) {
        notes.add(
            "suite " + suite.name() + " has no cells for family '" + family + "'"
                + (families.isImplemented(family) ? "" : " (not implemented yet)"));
      }
    }
    if (cells.isEmpty()) {
      throw new InputException(
          String.join("; ", notes) + "; nothing to run (families in this suite: "
              + String.join(", ", familiesInSuite) + ")");
    }
    // One engine's cells run together (stable: the suite's order within an engine): measured on
    // 2026-11-29, the cpu engine's host-side CoNLL CRF steps ran 2x to 5x slower in a process that
    // had already run gpu (ND4J) cells, so interleaving engines would make cpu timings depend on
    // what else the suite holds.
    List<String> engineOrder = List.copyOf(enginesUsed.keySet());
    cells.sort(Comparator.comparingInt(c -> engineOrder.indexOf(c.engine())));
    List<Long> seeds = suite.seeds();
    return new Plan(
        loaded, List.copyOf(enginesUsed.values()), List.copyOf(cells), prepared, skipped, seeds,
        List.copyOf(notes));
  }

  private static Cell withKey(Cell c, String key) {
    return new Cell(
        key, c.experimentIndex(), c.family(), c.model(), c.data(), c.estimator(), c.parsed(),
        c.sampler(), c.optimizer(), c.steps(), c.batchSize(), c.evaluateEvery(),
        c.seed(), c.engine());
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
