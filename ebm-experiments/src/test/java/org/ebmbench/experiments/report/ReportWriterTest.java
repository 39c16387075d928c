package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

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
