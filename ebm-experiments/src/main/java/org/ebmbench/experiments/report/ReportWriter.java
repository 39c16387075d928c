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
 * made from results.json alone, with a Mustache template. Per family a table of every cell; per
 * model the divergence against steps and against training wall time, one line per estimator
 * (mean over seeds), and the pictures cells attached (samples, filters, densities).
 */
public final class ReportWriter {
  private static final String TEMPLATE = "org/ebmbench/experiments/report/report.html.mustache";

  private ReportWriter() {}

  /** Writes the report of {@code results} to {@code file}, atomically. */
  public static void write(ResultsFile results, Path file) throws IOException {
    String html = render(results);
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
    Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
    StringWriter out = new StringWriter();
    template.execute(out, scope(results));
    return out.toString();
  }

  private static Map<String, Object> scope(ResultsFile results) {
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
    scope.put("families", families(results.cells()));
    List<Map<String, Object>> comparison = EngineComparison.rows(results.cells());
    // A one-engine run has no comparison section.
    scope.put("engineComparison", comparison.isEmpty() ? null : Map.of("rows", comparison));
    return scope;
  }

  private static List<Map<String, String>> provenanceRows(Provenance p) {
    List<Map<String, String>> rows = new ArrayList<>();
    row(rows, "git commit", p.git().commit() + dirtyNote(p.git().dirty()));
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

  private static List<Map<String, Object>> families(List<CellResult> cells) {
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
          f.put("models", models(familyCells, chartCounter));
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
    row.put("key", c.key());
    return row;
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

  /** Per model (and data set), the two charts. */
  private static List<Map<String, Object>> models(List<CellResult> cells, int[] chartCounter) {
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
                vsStep.add(meanCurve(legend, runs, metric.get(), p -> (double) p.step()));
                vsTime.add(meanCurve(legend, runs, metric.get(), CurvePoint::seconds));
              });
          int id = chartCounter[0]++;
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("title", title);
          m.put("metric", metric.get());
          m.put("stepChart", chart("c" + id + "s", metric.get() + " vs step", "step", metric.get(), vsStep));
          m.put("timeChart", chart("c" + id + "t", metric.get() + " vs training time", "seconds", metric.get(), vsTime));
          m.put("pictures", pictures(bySeries));
          models.add(m);
        });
    return models;
  }

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

  private static String escape(String text) {
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

  /** The pointwise mean over seeds, at the steps every seed evaluated. */
  private static Series meanCurve(
      String label, List<CellResult> runs, String metric, Function<CurvePoint, Double> x) {
    Map<Long, double[]> sums = new TreeMap<>();
    Map<Long, Integer> counts = new TreeMap<>();
    for (CellResult run : runs) {
      for (CurvePoint p : run.curve()) {
        Double y = p.metrics().get(metric);
        if (y != null && Double.isFinite(y)) {
          double[] s = sums.computeIfAbsent(p.step(), k -> new double[2]);
          s[0] += x.apply(p);
          s[1] += y;
          counts.merge(p.step(), 1, Integer::sum);
        }
      }
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    sums.forEach(
        (step, s) -> {
          int n = counts.get(step);
          if (n == runs.size()) {
            xs.add(s[0] / n);
            ys.add(s[1] / n);
          }
        });
    return new Series(label, xs, ys);
  }
}
