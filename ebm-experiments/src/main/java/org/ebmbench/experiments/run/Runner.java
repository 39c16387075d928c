package org.ebmbench.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.results.Timing;

/**
 * Runs a plan's cells, records a cell that throws, runs past its time limit or whose metrics stop
 * being finite as failed and goes on, records the cells of experiments whose data is not here as
 * skipped, and rewrites results.json atomically after every cell.
 * Cells whose keys are already present with status ok are skipped: that is how an interrupted
 * run resumes.
 *
 * <p>By default cells run one at a time, so that no cell's timing is disturbed by another, and
 * each experiment's first cell is preceded by a short untimed warm-up run of the same cell (JIT
 * compilation, class loading and caches then happen outside the timed run). With {@code jobs}
 * above 1, that many cells run at once without warm-up: a cell's metrics depend only on its seed,
 * so they are the same, but its timings are marked as not comparable ({@link Timing#jobs}).
 */
public final class Runner {
  private final RunProgress progress;
  private final int jobs;

  /** A runner that runs one cell at a time. */
  public Runner(RunProgress progress) {
    this(progress, 1);
  }

  /**
   * @param jobs how many cells may run at once (1: one at a time, timings comparable)
   */
  public Runner(RunProgress progress, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.progress = progress;
    this.jobs = jobs;
  }

  /**
   * Runs every cell of {@code plan} not already ok in {@code previous}.
   *
   * @param previous the run so far: id, suite, provenance and the cells to keep
   * @param resultsFile where results.json is rewritten after each cell
   * @return the final results
   */
  public ResultsFile run(Plan plan, ResultsFile previous, Path resultsFile) {
    Map<String, CellResult> kept = new LinkedHashMap<>();
    for (CellResult c : previous.cells()) {
      if (c.ok()) {
        kept.put(c.key(), c);
      }
    }
    List<Cell> todo = plan.cells().stream().filter(c -> !kept.containsKey(c.key())).toList();
    Recording recording = new Recording(plan, previous, kept, resultsFile);
    progress.start(plan.cells().size(), plan.cells().size() - todo.size());
    if (jobs == 1) {
      runAlone(plan, todo, recording);
    } else {
      runConcurrently(plan, todo, recording);
    }
    return recording.results();
  }

  private void runAlone(Plan plan, List<Cell> todo, Recording recording) {
    // Per experiment and engine: each engine compiles its own code paths.
    Set<String> warmedUp = new HashSet<>();
    for (Cell cell : todo) {
      progress.cellStarted(cell);
      String skipReason = plan.skipReason(cell);
      if (skipReason != null) {
        recording.add(cell, skippedCell(cell, skipReason));
        continue;
      }
      RunSettings settings = plan.settingsOf(cell);
      PreparedExperiment experiment = plan.experimentOf(cell);
      int warmup = 0;
      String experimentOnEngine = Plan.experimentKey(cell.experimentIndex(), cell.engine());
      if (settings.warmupSteps() > 0 && warmedUp.add(experimentOnEngine)) {
        warmUp(experiment, cell, settings.warmupSteps());
        warmup = settings.warmupSteps();
      }
      recording.add(cell, runCell(experiment, cell, settings, warmup, 1));
    }
  }

  private void runConcurrently(Plan plan, List<Cell> todo, Recording recording) {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            task -> {
              Thread t = new Thread(task, "ebm-cell-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Cell cell : todo) {
        futures.add(
            pool.submit(
                () -> {
                  recording.started(cell);
                  String skipReason = plan.skipReason(cell);
                  recording.add(
                      cell,
                      skipReason != null
                          ? skippedCell(cell, skipReason)
                          : runCell(plan.experimentOf(cell), cell, plan.settingsOf(cell), 0, jobs));
                }));
      }
      for (Future<?> f : futures) {
        awaitRethrowing(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for a cell; an Error or unexpected exception in it ends the run, as it would alone. */
  private static void awaitRethrowing(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a cell", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The results so far, written after every cell; shared by the cells when they run at once. */
  private final class Recording {
    private final Plan plan;
    private final ResultsFile previous;
    private final Map<String, CellResult> done;
    private final Path file;
    private ResultsFile results;

    Recording(Plan plan, ResultsFile previous, Map<String, CellResult> kept, Path file) {
      this.plan = plan;
      this.previous = previous;
      this.done = new LinkedHashMap<>(kept);
      this.file = file;
      this.results = previous.withCells(inPlanOrder());
      write(results, file);
    }

    synchronized void started(Cell cell) {
      progress.cellStarted(cell);
    }

    synchronized void add(Cell cell, CellResult result) {
      done.put(cell.key(), result);
      results = previous.withCells(inPlanOrder());
      write(results, file);
      progress.cellFinished(cell, result);
    }

    synchronized ResultsFile results() {
      return results;
    }

    private List<CellResult> inPlanOrder() {
      List<CellResult> cells = new ArrayList<>();
      for (Cell cell : plan.cells()) {
        CellResult r = done.get(cell.key());
        if (r != null) {
          cells.add(r);
        }
      }
      return cells;
    }
  }

  private static void write(ResultsFile results, Path file) {
    try {
      ResultsJson.writeAtomically(results, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A short untimed run of {@code cell} whose outcome is thrown away: the JIT compiles the
   * training and evaluation code of this model, estimator and engine before the timed run. A
   * failure is ignored here; the timed run records it.
   */
  static void warmUp(PreparedExperiment experiment, Cell cell, int steps) {
    try {
      experiment.run(cell.shortened(steps), DISCARD);
    } catch (RuntimeException e) {
      // The timed run of the same cell meets the same failure and records it.
    }
  }

  private static final CellRecorder DISCARD =
      new CellRecorder() {
        @Override
        public void curvePoint(CurvePoint point) {}

        @Override
        public void picture(Picture picture) {}
      };

  /** The result of a cell that cannot run here, for {@code reason}. */
  static CellResult skippedCell(Cell cell, String reason) {
    return result(cell, CellResult.SKIPPED, reason, Map.of(), List.of(), List.of(), null);
  }

  /**
   * Runs one cell {@code settings.repeats()} times and turns whatever happens into its result:
   * the first run's curve, pictures and metrics with the median seconds per step of all runs.
   */
  static CellResult runCell(
      PreparedExperiment experiment, Cell cell, RunSettings settings, int warmupSteps, int jobs) {
    Attempt first = Attempt.of(experiment, cell, settings.timeLimitSeconds());
    String reason = first.reason();
    List<Double> secondsPerStep = new ArrayList<>();
    if (reason == null) {
      secondsPerStep.add(first.secondsPerStep());
    }
    for (int r = 2; reason == null && r <= settings.repeats(); r++) {
      Attempt again = Attempt.of(experiment, cell, settings.timeLimitSeconds());
      if (again.reason() != null) {
        reason = "repeat " + r + " of " + settings.repeats() + " failed: " + again.reason();
      } else {
        String difference = firstDifference(first.curve(), again.curve(), r);
        if (difference != null) {
          reason = "repeat " + r + " of " + settings.repeats() + " disagrees with the first run: "
              + difference + " (the cell is not determined by its seed)";
        } else {
          secondsPerStep.add(again.secondsPerStep());
        }
      }
    }
    Map<String, Double> summary = new LinkedHashMap<>();
    if (reason == null) {
      summary.putAll(first.curve().get(first.curve().size() - 1).metrics());
      summary.put("secondsPerStep", Timing.median(secondsPerStep));
      summary.put("totalSeconds", first.totalSeconds());
    }
    return result(
        cell,
        reason == null ? CellResult.OK : CellResult.FAILED,
        reason,
        summary,
        first.curve(),
        first.pictures(),
        new Timing(settings.repeats(), secondsPerStep, warmupSteps, jobs));
  }

  private static CellResult result(
      Cell cell,
      String status,
      String reason,
      Map<String, Double> summary,
      List<CurvePoint> curve,
      List<Picture> pictures,
      Timing timing) {
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
        pictures,
        timing);
  }

  /** Where two runs of one cell first differ, or null when their metrics agree exactly. */
  private static String firstDifference(List<CurvePoint> a, List<CurvePoint> b, int run) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      CurvePoint p = a.get(i);
      CurvePoint q = b.get(i);
      if (p.step() != q.step()) {
        return "evaluation " + i + " is at step " + p.step() + " in run 1 and " + q.step()
            + " in run " + run;
      }
      for (Map.Entry<String, Double> e : p.metrics().entrySet()) {
        Double other = q.metrics().get(e.getKey());
        if (!e.getValue().equals(other)) {
          return "at step " + p.step() + " " + e.getKey() + " is " + e.getValue() + " in run 1 and "
              + other + " in run " + run;
        }
      }
    }
    return a.size() == b.size()
        ? null
        : "run 1 made " + a.size() + " evaluations, run " + run + " " + b.size();
  }

  /**
   * One training run of a cell.
   *
   * @param curve its evaluations, up to the failure if it failed
   * @param pictures what it attached
   * @param reason why it failed, null when it finished with every metric finite
   * @param totalSeconds the whole run: data, training and evaluation
   */
  private record Attempt(
      List<CurvePoint> curve, List<Picture> pictures, String reason, double totalSeconds) {

    static Attempt of(PreparedExperiment experiment, Cell cell, double timeLimitSeconds) {
      List<CurvePoint> curve = new ArrayList<>();
      Map<String, Picture> pictures = new LinkedHashMap<>();
      CellRecorder recorder =
          new CellRecorder() {
            @Override
            public void curvePoint(CurvePoint point) {
              curve.add(point);
              checkFinite(point);
              TimeLimit.check(point.step());
            }

            @Override
            public void picture(Picture picture) {
              pictures.put(picture.name(), picture);
            }
          };
      long start = System.nanoTime();
      String reason = null;
      try {
        TimeLimit.runWithin(timeLimitSeconds, () -> experiment.run(cell, recorder));
        if (curve.isEmpty()) {
          reason = "no metrics were recorded";
        }
      } catch (CellFailedException e) {
        reason = e.getMessage();
      } catch (RuntimeException e) {
        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      double totalSeconds = (System.nanoTime() - start) * 1e-9;
      return new Attempt(
          List.copyOf(curve), List.copyOf(pictures.values()), reason, totalSeconds);
    }

    /** Training seconds per step of a finished run (0 for a cell of 0 steps). */
    double secondsPerStep() {
      CurvePoint last = curve.get(curve.size() - 1);
      return last.step() > 0 ? last.seconds() / last.step() : 0.0;
    }
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
