package org.ebmbench.experiments.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ebmbench.experiments.results.AtomicFiles;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;

/**
 * The HTML report of a run: one self-contained file (inline CSS and SVG, no scripts, no network)
 * made from results.json alone (and JMH results, when given), with a Mustache template. At the top
 * an {@link Overview} (per model the best estimator by final divergence and by time to a target);
 * then the {@link ReportSections}; per family a table of every cell; per model the divergence
 * against steps and against training wall time, one line per estimator (mean over seeds, with a
 * band from the seeds' min to max), and the pictures cells attached (samples, filters,
 * densities); JMH results as a table; provenance last.
 */
public final class ReportWriter {
  private static final String TEMPLATE = "org/ebmbench/experiments/report/report.html.mustache";

  private ReportWriter() {}

  /** Writes the report of {@code results} to {@code file}, atomically. */
  public static void write(ResultsFile results, Path file) throws IOException {
    write(results, null, file);
  }

  /**
   * Writes the report of {@code results}, with a table of {@code jmh} (null for none), to {@code
   * file}, atomically.
   */
  public static void write(ResultsFile results, JmhResults jmh, Path file) throws IOException {
    String html = render(results, jmh);
    AtomicFiles.write(
        file,
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          writer.write(html);
          writer.flush();
        });
  }

  /** The report's HTML. */
  public static String render(ResultsFile results) {
    return render(results, null);
  }

  /** The report's HTML with a table of {@code jmh} (null for none). */
  public static String render(ResultsFile results, JmhResults jmh) {
    Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
    StringWriter out = new StringWriter();
    template.execute(out, scope(results, jmh));
    return out.toString();
  }

  private static Map<String, Object> scope(ResultsFile results, JmhResults jmh) {
    Map<String, Object> scope = new LinkedHashMap<>();
    long ok = results.cells().stream().filter(CellResult::ok).count();
    scope.put("runId", results.runId());
    scope.put("suiteName", results.suite().name());
    scope.put("suiteSource", results.suite().source());
    scope.put("suiteSha256", results.suite().sha256());
    scope.put("cellCount", results.cells().size());
    scope.put("okCount", ok);
    long skipped = results.cells().stream().filter(CellResult::skipped).count();
    scope.put("failedCount", results.cells().size() - ok - skipped);
    // Mustache shows a section for a non-zero number; zero hides the note.
    scope.put("skippedCount", skipped == 0 ? null : skipped);
    scope.put("provenance", provenanceRows(results.provenance()));
    List<Map<String, Object>> overview = new ArrayList<>();
    scope.put("families", families(results.cells(), overview));
    scope.put("overview", overview);
    scope.put("hasOverview", !overview.isEmpty());
    scope.put("sections", sections(results));
    if (jmh != null) {
      scope.put("jmh", Map.of("source", jmh.source(), "rows", jmhRows(jmh)));
    }
    return scope;
  }

  private static List<Map<String, String>> sections(ResultsFile results) {
    List<Map<String, String>> sections = new ArrayList<>();
    for (ReportSection section : ReportSections.ALL) {
      section.html(results).ifPresent(html -> sections.add(Map.of("title", section.title(), "html", html)));
    }
    return sections;
  }

  private static List<Map<String, Object>> jmhRows(JmhResults jmh) {
    return jmh.rows().stream()
        .map(r -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("benchmark", r.benchmark());
          row.put("params", r.params());
          row.put("mode", r.mode());
          row.put("median", Labels.number(r.median()));
          row.put("score", Labels.number(r.score())
              + (Double.isFinite(r.scoreError()) ? " ± " + Labels.number(r.scoreError()) : ""));
          row.put("samples", r.samples());
          row.put("unit", r.unit());
          return row;
        })
        .toList();
  }

  private static List<Map<String, String>> provenanceRows(Provenance p) {
    List<Map<String, String>> rows = new ArrayList<>();
    row(rows, "git commit", p.git().commit() + dirtyNote(p.git().dirty()));
    if (p.earlierCode() != null) {
      String versions =
          p.earlierCode().stream()
              .map(Provenance.Git::describe)
              .collect(java.util.stream.Collectors.joining("; "));
      row(rows, "other cells from", versions + " (resumed or merged with --allow-code-change)");
    }
    row(rows, "engine", p.engine().name() + " (" + p.engine().backend() + ", " + p.engine().precision()
        + ", " + p.engine().threads() + " threads)");
    row(rows, "engine device", p.engine().device());
    p.engine().details().forEach((k, v) -> row(rows, "engine " + k, v));
    if (p.engines() != null) {
      p.engines().stream()
          .skip(1)
          .forEach(
              e ->
                  row(rows, "compared with engine", e.name() + " (" + e.backend() + ", "
                      + e.precision() + ", " + e.threads() + " threads) on " + e.device()));
    }
    row(rows, "CPU", p.cpu() + ", " + p.availableProcessors() + " processors available");
    row(rows, "JVM", p.jvm().vendor() + " " + p.jvm().name() + " " + p.jvm().version());
    row(rows, "OS", p.os().name() + " " + p.os().version() + " (" + p.os().arch() + ")");
    row(rows, "seeds", String.valueOf(p.seeds()));
    row(rows, "command", "ebm " + String.join(" ", p.commandLine()));
    row(rows, "started", p.startedAt());
    return rows;
  }

  private static String dirtyNote(Boolean dirty) {
    return dirty == null ? "" : dirty ? " (with uncommitted changes)" : " (clean)";
  }

  private static void row(List<Map<String, String>> rows, String name, String value) {
    rows.add(Map.of("name", name, "value", value == null ? "" : value));
  }

  private static List<Map<String, Object>> families(
      List<CellResult> cells, List<Map<String, Object>> overview) {
    Map<String, List<CellResult>> byFamily = new TreeMap<>();
    cells.forEach(c -> byFamily.computeIfAbsent(c.family(), f -> new ArrayList<>()).add(c));
    List<Map<String, Object>> families = new ArrayList<>();
    int[] chartCounter = {0};
    byFamily.forEach(
        (family, familyCells) -> {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", family);
          f.put("klHeader", Labels.metric(firstMetric(familyCells, ReportWriter::isKl).orElse("KL")));
          f.put(
              "logLikelihoodHeader",
              Labels.metric(
                  firstMetric(familyCells, ReportWriter::isLogLikelihood).orElse("log-likelihood")));
          f.put("rows", familyCells.stream().map(ReportWriter::tableRow).toList());
          f.put("models", models(family, familyCells, chartCounter, overview));
          List<Series> cost = CostByDimension.series(familyCells);
          f.put(
              "costChart",
              cost.isEmpty()
                  ? null
                  : chart(
                      "c" + chartCounter[0]++ + "d", "seconds per step vs dimension d", "d",
                      "seconds per step", cost));
          families.add(f);
        });
    return families;
  }

  private static Map<String, Object> tableRow(CellResult c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("model", Labels.spec(c.model()));
    row.put("dataset", Labels.dataset(c.dataset()));
    row.put("estimator", c.estimator());
    row.put("sampler", Labels.spec(c.sampler()));
    row.put("optimizer", Labels.spec(c.optimizer()));
    row.put("seed", c.seed());
    row.put("ok", c.ok());
    row.put("status", c.status());
    row.put("reason", c.reason() == null ? "" : c.reason());
    row.put("finalKl", Labels.number(summaryMetric(c, ReportWriter::isKl).orElse(null)));
    row.put("heldOut", Labels.number(summaryMetric(c, ReportWriter::isLogLikelihood).orElse(null)));
    row.put("steps", c.hyperParameters().getOrDefault("steps", ""));
    row.put("batchSize", c.hyperParameters().getOrDefault("batchSize", ""));
    row.put("secondsPerStep", Labels.number(c.summary().get("secondsPerStep")));
    row.put("timingNote", timingNote(c));
    row.put("key", c.key());
    return row;
  }

  /**
   * The spread of a cell's repeated timings and whether they are comparable, for the table:
   * "3 runs: 0.0049 to 0.0051" or "ran beside other cells (--jobs 4)"; null for neither (so that
   * the template shows nothing).
   */
  private static String timingNote(CellResult c) {
    if (c.timing() == null) {
      return null;
    }
    List<String> notes = new ArrayList<>();
    List<Double> runs = c.timing().secondsPerStep();
    if (runs.size() > 1) {
      notes.add(runs.size() + " runs: " + Labels.number(runs.stream().min(Double::compare).get())
          + " to " + Labels.number(runs.stream().max(Double::compare).get()));
    }
    if (!c.timing().comparable()) {
      notes.add("ran beside other cells (--jobs " + c.timing().jobs() + "): not comparable");
    }
    return notes.isEmpty() ? null : String.join("; ", notes);
  }

  private static boolean isKl(String metric) {
    return metric.toLowerCase(Locale.ROOT).contains("kl");
  }

  private static boolean isLogLikelihood(String metric) {
    return metric.contains("logLikelihood") || metric.contains("LogLikelihood");
  }

  private static Optional<Double> summaryMetric(CellResult c, Predicate<String> kind) {
    return c.summary().entrySet().stream()
        .filter(e -> kind.test(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** Per model (and data set), the two charts; adds each model's row of the overview. */
  private static List<Map<String, Object>> models(
      String family, List<CellResult> cells, int[] chartCounter, List<Map<String, Object>> overview) {
    Map<String, List<CellResult>> byModel = new LinkedHashMap<>();
    for (CellResult c : cells) {
      if (c.ok()) {
        String title = Labels.spec(c.model()) + " · " + Labels.dataset(c.dataset());
        byModel.computeIfAbsent(title, t -> new ArrayList<>()).add(c);
      }
    }
    List<Map<String, Object>> models = new ArrayList<>();
    byModel.forEach(
        (title, modelCells) -> {
          Optional<String> metric = chartMetric(modelCells);
          if (metric.isEmpty()) {
            return;
          }
          List<Function<CellResult, String>> varying = varyingSettings(modelCells);
          Map<String, List<CellResult>> bySeries = new LinkedHashMap<>();
          modelCells.forEach(
              c -> bySeries.computeIfAbsent(seriesLabel(c, varying), s -> new ArrayList<>()).add(c));
          List<Series> vsStep = new ArrayList<>();
          List<Series> vsTime = new ArrayList<>();
          bySeries.forEach(
              (label, runs) -> {
                String legend = runs.size() > 1 ? label + " (mean of " + runs.size() + " seeds)" : label;
                vsStep.add(overSeeds(legend, runs, metric.get(), p -> (double) p.step()));
                vsTime.add(overSeeds(legend, runs, metric.get(), CurvePoint::seconds));
              });
          overview.add(
              Overview.row(family, title, metric.get(), isLogLikelihood(metric.get()), vsTime));
          int id = chartCounter[0]++;
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("title", title);
          m.put("metric", metric.get());
          m.put("stepChart", chart("c" + id + "s", metric.get() + " vs step", "step", metric.get(), vsStep));
          m.put("timeChart", chart("c" + id + "t", metric.get() + " vs training time", "seconds", metric.get(), vsTime));
          List<Map<String, Object>> taskCharts = new ArrayList<>();
          for (String task : TASK_METRICS) {
            if (firstMetric(modelCells, task::equals).isEmpty()) {
              continue;
            }
            List<Series> taskVsTime = new ArrayList<>();
            bySeries.forEach(
                (label, runs) -> {
                  String legend = runs.size() > 1 ? label + " (mean of " + runs.size() + " seeds)" : label;
                  taskVsTime.add(overSeeds(legend, runs, task, CurvePoint::seconds));
                });
            String chartId = "c" + id + "m" + taskCharts.size();
            taskCharts.add(Map.of("chart", chart(chartId, task + " vs training time", "seconds", task, taskVsTime)));
          }
          m.put("taskCharts", taskCharts);
          m.put("pictures", pictures(bySeries));
          models.add(m);
        });
    return models;
  }

  /**
   * Task metrics charted against training time beside the divergence, when cells report them:
   * what a model is for (chunking F1, denoising error) rather than how well it fits.
   */
  private static final List<String> TASK_METRICS = List.of("chunkF1", "pixelError");

  /** The pictures of each series' first seed, so that every method shows once. */
  private static List<Map<String, Object>> pictures(Map<String, List<CellResult>> bySeries) {
    List<Map<String, Object>> pictures = new ArrayList<>();
    bySeries.forEach(
        (label, runs) -> {
          CellResult first =
              runs.stream().min(Comparator.comparingLong(CellResult::seed)).orElseThrow();
          for (Picture p : first.pictures()) {
            Map<String, Object> picture = new LinkedHashMap<>();
            picture.put("label", label + ", seed " + first.seed());
            picture.put("caption", p.caption());
            picture.put("src", p.dataUri());
            // Small rasters are shown enlarged, pixels kept sharp by the stylesheet.
            picture.put("displayWidth", Math.max(p.width(), Math.min(4 * p.width(), 240)));
            pictures.add(picture);
          }
        });
    return pictures;
  }

  private static String chart(String id, String title, String x, String y, List<Series> series) {
    try {
      return Charts.lineChart(id, title, x, y, series);
    } catch (RuntimeException | LinkageError e) {
      // A JVM without fonts cannot lay out text; the tables still carry every number.
      return "<p class=\"note\">chart unavailable: " + escape(String.valueOf(e)) + "</p>";
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The divergence to plot: a KL metric if the cells have one, else a log-likelihood. */
  private static Optional<String> chartMetric(List<CellResult> cells) {
    return firstMetric(cells, ReportWriter::isKl).or(() -> firstMetric(cells, ReportWriter::isLogLikelihood));
  }

  /** The first metric of {@code kind} in the cells' summaries, which is what the table shows. */
  private static Optional<String> firstMetric(List<CellResult> cells, Predicate<String> kind) {
    return cells.stream().flatMap(c -> c.summary().keySet().stream()).filter(kind).findFirst();
  }

  /**
   * A line's legend: the estimator, its sampler, and any setting that differs between the
   * cells of one chart (batch size, steps, optimizer), so that two lines never share a name.
   */
  private static String seriesLabel(CellResult c, List<Function<CellResult, String>> varying) {
    String sampler = Labels.spec(c.sampler());
    String label = sampler.isEmpty() ? c.estimator() : c.estimator() + " [" + sampler + "]";
    List<String> settings = varying.stream().map(f -> f.apply(c)).toList();
    return settings.isEmpty() ? label : label + " (" + String.join(", ", settings) + ")";
  }

  /** The settings, among batch size, steps and optimizer, that differ between {@code cells}. */
  private static List<Function<CellResult, String>> varyingSettings(List<CellResult> cells) {
    List<Function<CellResult, String>> candidates =
        List.of(
            c -> "batch " + c.hyperParameters().get("batchSize"),
            c -> c.hyperParameters().get("steps") + " steps",
            c -> Labels.optimizer(c.optimizer()));
    return candidates.stream()
        .filter(f -> cells.stream().map(f).distinct().count() > 1)
        .toList();
  }

  /**
   * The pointwise mean over seeds with the seeds' min and max, at the steps every seed evaluated;
   * x is the mean over seeds too (the step, or the training time so far).
   */
  static Series overSeeds(
      String label, List<CellResult> runs, String metric, Function<CurvePoint, Double> x) {
    Map<Long, List<double[]>> byStep = new TreeMap<>();
    for (CellResult run : runs) {
      for (CurvePoint p : run.curve()) {
        Double y = p.metrics().get(metric);
        if (y != null && Double.isFinite(y)) {
          byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(new double[] {x.apply(p), y});
        }
      }
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<Double> lows = new ArrayList<>();
    List<Double> highs = new ArrayList<>();
    byStep.forEach(
        (step, points) -> {
          if (points.size() == runs.size()) {
            xs.add(points.stream().mapToDouble(p -> p[0]).average().orElseThrow());
            ys.add(points.stream().mapToDouble(p -> p[1]).average().orElseThrow());
            lows.add(points.stream().mapToDouble(p -> p[1]).min().orElseThrow());
            highs.add(points.stream().mapToDouble(p -> p[1]).max().orElseThrow());
          }
        });
    return new Series(label, xs, ys, lows, highs);
  }
}
