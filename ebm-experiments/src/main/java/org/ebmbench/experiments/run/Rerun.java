package org.ebmbench.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;

/**
 * Rebuilds one cell from its result alone ({@code ebm run --rerun KEY --from DIR}): a suite of
 * one experiment with the cell's family, model, data, estimator, sampler, optimizer, schedule
 * and seed. Planning that suite must give the same key, which proves that every setting that
 * enters the cell was recovered; a data file must still have the recorded SHA-256.
 */
public final class Rerun {
  private Rerun() {}

  /** The result of cell {@code key} in {@code results}, or an error naming the file. */
  public static CellResult find(ResultsFile results, String key, Path file) {
    return results.cells().stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElseThrow(
            () -> new InputException(
                file + " has no cell " + key + " (it has " + results.cells().size() + " cells: "
                    + results.cells().stream().limit(5).map(CellResult::key)
                        .collect(Collectors.joining(", "))
                    + (results.cells().size() > 5 ? ", ..." : "") + ")"));
  }

  /**
   * The one-cell suite that reruns {@code cell}.
   *
   * @param from the results file the cell came from, named in the suite's source
   * @param workingDirectory where a relative data file path is looked for: the recorded suite
   *     source's folder when that file exists there, else this folder
   */
  public static LoadedSuite suiteOf(
      CellResult cell, ResultsFile results, Path from, SuiteLoader loader, Path workingDirectory) {
    ObjectMapper mapper = ResultsJson.mapper();
    ObjectNode suite = mapper.createObjectNode();
    suite.put("name", "rerun-" + cell.key());
    suite.put("description", "cell " + cell.key() + " of run " + results.runId());
    suite.putArray("seeds").add(cell.seed());
    ObjectNode experiment = suite.putArray("experiments").addObject();
    experiment.put("family", cell.family());
    experiment.set("model", cell.model());
    experiment.set("data", cell.dataset());
    ArrayNode estimators = experiment.putArray("estimators");
    estimators.add(cell.estimator());
    if (cell.sampler() != null) {
      experiment.set("sampler", cell.sampler());
    }
    experiment.set("optimizer", cell.optimizer());
    for (String field : new String[] {"steps", "batchSize", "evaluateEvery"}) {
      Object value = cell.hyperParameters().get(field);
      if (!(value instanceof Number n)) {
        throw new InputException(
            from + ": cell " + cell.key() + " has no hyperParameters." + field);
      }
      experiment.put(field, n.intValue());
    }
    if (!results.suite().tolerances().isEmpty()) {
      suite.set("tolerances", mapper.valueToTree(results.suite().tolerances()));
    }
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(suite);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the rerun suite: " + e.getOriginalMessage(), e);
    }
    return loader.loadJson(
        json, "rerun of cell " + cell.key() + " from " + from, dataDirectory(results, workingDirectory));
  }

  /** Checks that the plan is the one cell asked for, with the same key. */
  public static void checkSameCell(Plan plan, CellResult cell) {
    String rebuilt = plan.cells().get(0).key();
    if (plan.cells().size() != 1 || !rebuilt.equals(cell.key())) {
      throw new InputException(
          "cell " + cell.key() + " cannot be rerun exactly: its recorded settings now give key "
              + rebuilt + " (a default of this version differs from the one that ran it)");
    }
  }

  private static Path dataDirectory(ResultsFile results, Path workingDirectory) {
    Path source = workingDirectory.resolve(results.suite().source()).normalize();
    return Files.isRegularFile(source) && source.getParent() != null
        ? source.getParent()
        : workingDirectory;
  }
}
