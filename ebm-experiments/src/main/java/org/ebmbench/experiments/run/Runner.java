package org.ebmbench.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;

/**
 * Runs a plan's cells one at a time (so timings are not disturbed by other cells), records a
 * cell that throws or whose metrics stop being finite as failed and goes on, records the cells of
 * experiments whose data is not here as skipped, and rewrites
 * results.json atomically after every cell. Cells whose keys are already present with status ok
 * are skipped: that is how an interrupted run resumes.
 */
public final class Runner {
  private final RunProgress progress;

  public Runner(RunProgress progress) {
    this.progress = progress;
  }

  /**
   * Runs every cell of {@code plan} not already ok in {@code previous}.
   *
   * @param previous the run so far: id, suite, provenance and the cells to keep
   * @param resultsFile where results.json is rewritten after each cell
   * @return the final results
   */
  public ResultsFile run(Plan plan, ResultsFile previous, Path resultsFile) {
    Map<String, CellResult> done = new LinkedHashMap<>();
    for (CellResult c : previous.cells()) {
      if (c.ok()) {
        done.put(c.key(), c);
      }
    }
    int alreadyDone = (int) plan.cells().stream().filter(c -> done.containsKey(c.key())).count();
    ResultsFile results = previous.withCells(inPlanOrder(plan, done));
    write(results, resultsFile);
    progress.start(plan.cells().size(), alreadyDone);
    for (Cell cell : plan.cells()) {
      if (done.containsKey(cell.key())) {
        continue;
      }
      progress.cellStarted(cell);
      String skipReason = plan.skipReason(cell);
      CellResult result =
          skipReason == null ? runCell(plan.experimentOf(cell), cell) : skippedCell(cell, skipReason);
      done.put(cell.key(), result);
      results = previous.withCells(inPlanOrder(plan, done));
      write(results, resultsFile);
      progress.cellFinished(cell, result);
    }
    return results;
  }

  private static List<CellResult> inPlanOrder(Plan plan, Map<String, CellResult> done) {
    List<CellResult> cells = new ArrayList<>();
    for (Cell cell : plan.cells()) {
      CellResult r = done.get(cell.key());
      if (r != null) {
        cells.add(r);
      }
    }
    return cells;
  }

  private static void write(ResultsFile results, Path file) {
    try {
      ResultsJson.writeAtomically(results, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The result of a cell that cannot run here, for {@code reason}. */
  static CellResult skippedCell(Cell cell, String reason) {
    return result(cell, CellResult.SKIPPED, reason, Map.of(), List.of(), List.of());
  }

  /** Runs one cell and turns whatever happens into its result. */
  static CellResult runCell(PreparedExperiment experiment, Cell cell) {
    List<CurvePoint> curve = new ArrayList<>();
    Map<String, Picture> pictures = new LinkedHashMap<>();
    long start = System.nanoTime();
    String reason = null;
    try {
      experiment.run(
          cell,
          new CellRecorder() {
            @Override
            public void curvePoint(CurvePoint point) {
              curve.add(point);
              checkFinite(point);
            }

            @Override
            public void picture(Picture picture) {
              pictures.put(picture.name(), picture);
            }
          });
      if (curve.isEmpty()) {
        reason = "no metrics were recorded";
      }
    } catch (CellFailedException e) {
      reason = e.getMessage();
    } catch (RuntimeException e) {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    double totalSeconds = (System.nanoTime() - start) * 1e-9;
    Map<String, Double> summary = new LinkedHashMap<>();
    if (reason == null) {
      CurvePoint last = curve.get(curve.size() - 1);
      summary.putAll(last.metrics());
      summary.put("secondsPerStep", last.step() > 0 ? last.seconds() / last.step() : 0.0);
      summary.put("totalSeconds", totalSeconds);
    }
    return result(
        cell,
        reason == null ? CellResult.OK : CellResult.FAILED,
        reason,
        summary,
        curve,
        List.copyOf(pictures.values()));
  }

  private static CellResult result(
      Cell cell,
      String status,
      String reason,
      Map<String, Double> summary,
      List<CurvePoint> curve,
      List<Picture> pictures) {
    return new CellResult(
        cell.key(),
        cell.family(),
        CellKeys.tree(cell.model()),
        CellKeys.tree(cell.data()),
        cell.estimator().name(),
        cell.sampler() == null ? null : CellKeys.tree(cell.sampler()),
        CellKeys.tree(cell.optimizer()),
        cell.engine(),
        cell.seed(),
        hyperParameters(cell),
        status,
        reason,
        summary,
        curve,
        pictures);
  }

  private static void checkFinite(CurvePoint point) {
    if (!Double.isFinite(point.seconds())) {
      throw new CellFailedException("wall time is not finite at step " + point.step());
    }
    point.metrics().forEach(
        (name, value) -> {
          if (value == null || !Double.isFinite(value)) {
            throw new CellFailedException(
                "metric " + name + " is " + value + " at step " + point.step()
                    + " (diverged or not normalizable)");
          }
        });
  }

  /** Every setting of the cell as flat name-value pairs, sorted by name. */
  static Map<String, Object> hyperParameters(Cell cell) {
    Map<String, Object> params = new TreeMap<>();
    params.put("steps", cell.steps());
    params.put("batchSize", cell.batchSize());
    params.put("evaluateEvery", cell.evaluateEvery());
    if (cell.parsed().usesSampler()) {
      params.put("k", cell.parsed().k());
    }
    flatten("optimizer", CellKeys.tree(cell.optimizer()), params);
    if (cell.sampler() != null) {
      flatten("sampler", CellKeys.tree(cell.sampler()), params);
    }
    flatten("data", CellKeys.tree(cell.data()), params);
    return params;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      String name = prefix + "." + e.getKey();
      if (v.isNumber()) {
        out.put(name, v.numberValue());
      } else if (v.isBoolean()) {
        out.put(name, v.booleanValue());
      } else if (v.isTextual()) {
        out.put(name, v.textValue());
      }
    }
  }
}
