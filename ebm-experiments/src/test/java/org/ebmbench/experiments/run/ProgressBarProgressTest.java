package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.testing.StubFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarProgressTest {
  @TempDir Path dir;

  @Test
  void plainLinesShowCellsDoneAndAnEstimateOfTheTimeLeft() throws IOException {
    Families families = new Families(List.of(new StubFamily()));
    Files.writeString(dir.resolve("s.yaml"), """
        name: t
        seeds: [1, 2, 3, 4]
        experiments:
          - family: toy
            model: {type: stub, n: 4}
            data: {train: 100, test: 50}
            estimators: [cd-1]
            optimizer: {type: sgd, lr: 0.1}
            steps: 10
            batchSize: 20
        """);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    List<Cell> cells = new Planner(families).plan(loaded, Engines.byName("cpu"), List.of()).cells();
    CellResult ok = SampleResults.create().cells().get(0);
    StringWriter lines = new StringWriter();
    PrintStream terminal = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    try (ProgressBarProgress progress =
        new ProgressBarProgress("t", false, terminal, new PrintWriter(lines, true))) {
      progress.start(4, 1);
      for (Cell cell : cells.subList(1, 3)) {
        progress.cellStarted(cell);
        progress.cellFinished(cell, ok);
      }
    }

    String text = lines.toString();
    assertThat(text).contains("resuming: 1 of 4 cells already done");
    // The last line: cells done of all, then (elapsed / estimated time left).
    String last = text.lines().filter(l -> l.contains("/4 cells")).reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches(".*3/4 cells \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*");
  }
}
