package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ebmbench.experiments.picture.Rasters;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesOneSelfContainedPageWithTablesAndCharts() throws IOException {
    Path file = dir.resolve("report.html");
    ReportWriter.write(SampleResults.create(), file);
    String html = Files.readString(file);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>");
    assertThat(html).contains("Family: toy", "exact-mle", "cd-1", "pcd-1");
    assertThat(html).contains("metric klTrueToModel is NaN at step 100");
    assertThat(html).contains("0123456789abcdef0123456789abcdef01234567 (clean)");
    // One step chart and one time chart for the one model.
    assertThat(html.split("<svg", -1)).hasSize(3);
    assertThat(html).contains("klTrueToModel vs step", "klTrueToModel vs training time");
    // Nothing to fetch: no scripts, no style sheets, no images from elsewhere.
    assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import");
  }

  @Test
  void picturesSurviveResultsJsonAndShowOncePerMethod() throws IOException {
    ResultsFile sample = SampleResults.create();
    Picture samples =
        Rasters.tiles("samples", "model samples after training", new double[][] {{0, 1, 1, 0}}, 2, 2, 1,
            Rasters.Scaling.UNIT);
    List<CellResult> cells = new ArrayList<>();
    for (CellResult c : sample.cells()) {
      cells.add(new CellResult(c.key(), c.family(), c.model(), c.dataset(), c.estimator(),
          c.sampler(), c.optimizer(), c.engine(), c.seed(), c.hyperParameters(), c.status(),
          c.reason(), c.summary(), c.curve(), c.ok() ? List.of(samples) : List.of()));
    }
    Path file = dir.resolve("results.json");
    ResultsJson.writeAtomically(sample.withCells(cells), file);
    ResultsFile read = ResultsJson.read(file);
    assertThat(read.cells().get(0).pictures()).containsExactly(samples);

    String html = ReportWriter.render(read);
    long okCells = cells.stream().filter(CellResult::ok).count();
    assertThat(html.split(java.util.regex.Pattern.quote(samples.dataUri()), -1))
        .hasSize((int) okCells + 1);
    assertThat(html).contains("model samples after training", "seed 1</b>");
  }

  @Test
  void linesThatDifferInSettingsGetDistinctLegends() {
    ResultsFile sample = SampleResults.create();
    List<CellResult> cells = new ArrayList<>(sample.cells());
    CellResult exact = cells.get(0);
    Map<String, Object> fullBatch = new TreeMap<>(exact.hyperParameters());
    fullBatch.put("batchSize", 20000);
    cells.add(
        new CellResult(
            "3d4e5f6a7b8c9d0e", exact.family(), exact.model(), exact.dataset(), exact.estimator(),
            exact.sampler(), exact.optimizer(), exact.engine(), exact.seed(), fullBatch,
            exact.status(), exact.reason(), exact.summary(), exact.curve(), exact.pictures()));
    String html = ReportWriter.render(sample.withCells(cells));
    assertThat(html).contains(">exact-mle (batch 1000)<", ">exact-mle (batch 20000)<", ">cd-1 [gibbs] (batch 1000)<");
  }

  @Test
  void theOverviewComesFirstAndRepeatedTimingsShowTheirSpread() {
    String html = ReportWriter.render(SampleResults.create());

    assertThat(html.indexOf("<h2>Overview</h2>")).isLessThan(html.indexOf("Family: toy"));
    assertThat(html.indexOf("Family: toy")).isLessThan(html.indexOf("<h2>Provenance</h2>"));
    // exact-mle ends at KL 3e-5 from 0.693: the target 3e-5 + 10 % of the gap is 0.06934, which
    // exact-mle reaches at 0.0123 s and cd-1 at 0.5 s.
    assertThat(html).contains(
        "<td>exact-mle</td><td class=\"num\">3.000e-05</td><td class=\"num\">0.06934</td>"
            + "<td>exact-mle</td><td class=\"num\">0.01235 s</td><td class=\"num\">2 of 2</td>");
    assertThat(html).contains("3 runs: 0.004900 to 0.005100");
    assertThat(html).doesNotContain("JMH benchmarks");
  }

  @Test
  void aLineIsTheMeanOverSeedsWithABandFromTheirMinToTheirMax() {
    ResultsFile sample = SampleResults.create();
    CellResult seed1 = sample.cells().get(1);
    // A second seed: KL 0.02 at step 100 (seed 1: 0.01), and no evaluation at step 200.
    CellResult seed2 = new CellResult(
        seed1.key() + "x", seed1.family(), seed1.model(), seed1.dataset(), seed1.estimator(),
        seed1.sampler(), seed1.optimizer(), seed1.engine(), 2, seed1.hyperParameters(),
        seed1.status(), seed1.reason(), seed1.summary(),
        List.of(seed1.curve().get(0),
            new CurvePoint(100, 1.5, Map.of("klTrueToModel", 0.02))),
        List.of());

    Series line = ReportWriter.overSeeds(
        "cd-1", List.of(seed1, seed2), "klTrueToModel",
        CurvePoint::seconds);

    // Steps 0 and 100 (step 200 lacks seed 2); x is the mean training time.
    assertThat(line.x()).containsExactly(0.0, 1.0);
    assertThat(line.y().get(0)).isEqualTo(0.6931471805599453);
    // The mean of 0.01 and 0.02, up to the round-off of a compensated sum (a few ulps).
    assertThat(line.y().get(1)).isCloseTo(0.015, within(4 * Math.ulp(0.015)));
    assertThat(line.low()).containsExactly(0.6931471805599453, 0.01);
    assertThat(line.high()).containsExactly(0.6931471805599453, 0.02);
  }

  @Test
  void jmhResultsAreFoldedInAsATable() throws IOException {
    Path file = dir.resolve("jmh.json");
    try (var in = ReportWriterTest.class.getResourceAsStream("jmh.json")) {
      Files.write(file, in.readAllBytes());
    }
    JmhResults jmh = JmhResults.read(file);

    assertThat(jmh.rows()).hasSize(2);
    JmhResults.Row gemm = jmh.rows().get(0);
    assertThat(gemm.benchmark()).isEqualTo("GemmBenchmark.multiply");
    assertThat(gemm.params()).isEqualTo("kernel=java, size=256");
    // Iterations 40, 44, 41, 41 over two forks: median 41, mean (JMH's score) 41.5.
    assertThat(gemm.median()).isEqualTo(41.0);
    assertThat(gemm.samples()).isEqualTo(4);
    assertThat(jmh.rows().get(1).scoreError()).isNaN();

    String html = ReportWriter.render(SampleResults.create(), jmh);
    // Mustache escapes '=' as &#61;, which the browser shows as '='.
    assertThat(html).contains("JMH benchmarks", "<td>GemmBenchmark.multiply</td><td>kernel&#61;java, size&#61;256</td>"
        + "<td>thrpt</td><td class=\"num\">41.00</td><td class=\"num\">41.50 ± 2.250</td>",
        "<td>IsingPartitionBenchmark.logPartition</td><td></td><td>ss</td><td class=\"num\">0.1250</td>"
            + "<td class=\"num\">0.1250</td><td class=\"num\">1</td><td>s/op</td>");
  }

  @Test
  void numbersUseADecimalPointUnderEveryLocale() {
    Locale original = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      String german = ReportWriter.render(SampleResults.create());
      Locale.setDefault(Locale.US);
      String us = ReportWriter.render(SampleResults.create());
      assertThat(german).isEqualTo(us).contains("3.000e-05", "-7.625");
    } finally {
      Locale.setDefault(original);
    }
  }
}
