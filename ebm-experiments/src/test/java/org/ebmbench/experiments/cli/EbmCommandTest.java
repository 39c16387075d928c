package org.ebmbench.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end, in process, on suites small enough to run in seconds. */
class EbmCommandTest {
  /** Nine cells of the toy family that run in a few seconds; also used by other CLI tests. */
  static final String TINY =
      """
      name: tiny
      seeds: [1, 2]
      experiments:
        - family: toy
          model: {type: ising, n: 4}
          data: {train: 300, test: 100}
          estimators: [exact-mle, cd-1, pcd-1]
          optimizer: {type: adam, lr: 0.05}
          steps: 12
          batchSize: 50
          evaluateEvery: 4
        - family: toy
          model: {type: gaussian, d: 2}
          data: {train: 300, test: 100}
          estimators: [exact-mle, score-matching, cd-1]
          sampler: {type: langevin, stepSize: 0.05}
          optimizer: {type: sgd, lr: 0.01}
          steps: 12
          batchSize: 50
          evaluateEvery: 4
          seeds: [3]
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int ebm(String... args) {
    CommandLine cmd = EbmCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private String suite(String content) throws IOException {
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(file, content);
    return file.toString();
  }

  @Test
  void runsASuiteWritesResultsAndReportAndResumes() throws IOException {
    // Outside a git checkout, so that the code version the resume checks is not this working
    // tree's, which may change while the test runs.
    String home = System.getProperty("ebm.home");
    System.setProperty("ebm.home", Files.createDirectories(dir.resolve("home")).toString());
    try {
      runsWritesAndResumes();
    } finally {
      if (home == null) {
        System.clearProperty("ebm.home");
      } else {
        System.setProperty("ebm.home", home);
      }
    }
  }

  private void runsWritesAndResumes() throws IOException {
    Path outDir = dir.resolve("run");
    int code = ebm("run", "--suite", suite(TINY), "--out", outDir.toString());

    assertThat(code).as(err.toString()).isZero();
    ResultsFile results = ResultsJson.read(outDir.resolve("results.json"));
    assertThat(results.cells()).hasSize(3 * 2 + 3);
    assertThat(results.cells()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CellResult.OK));
    assertThat(results.runId()).endsWith("-tiny");
    assertThat(results.provenance().commandLine()).contains("--suite").contains("run");
    assertThat(results.provenance().engine().name()).isEqualTo("cpu");
    assertThat(Files.readString(outDir.resolve("report.html"))).contains("<svg", "Family: toy");
    assertThat(out.toString()).contains("9 cells: 9 ok, 0 failed");
    // Not a terminal: progress comes as plain lines, one per finished cell at most.
    assertThat(err.toString()).contains("9/9 cells").doesNotContain("\r");
    assertThat(dir.resolve("run").toFile().list()).containsExactlyInAnyOrder("results.json", "report.html");

    // A second run into the same folder finds every cell done and runs none.
    err.getBuffer().setLength(0);
    assertThat(ebm("run", "--suite", suite(TINY), "--out", outDir.toString())).isZero();
    assertThat(err.toString()).contains("resuming: 9 of 9 cells already done")
        .contains("ebm: warning: resuming " + outDir.resolve("results.json") + " without checking");
    ResultsFile again = ResultsJson.read(outDir.resolve("results.json"));
    assertThat(again.runId()).isEqualTo(results.runId());
    assertThat(again.cells()).isEqualTo(results.cells());

    // Cells written by another version of the code are not resumed unless asked to, and then
    // that version is recorded.
    Provenance.Git other = new Provenance.Git("f".repeat(40), false);
    ResultsJson.writeAtomically(
        again.withProvenance(again.provenance().withEarlierCode(null).withGit(other)),
        outDir.resolve("results.json"));
    err.getBuffer().setLength(0);
    assertThat(ebm("run", "--suite", suite(TINY), "--out", outDir.toString()))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString())
        .startsWith("ebm: error: cannot resume " + outDir.resolve("results.json")
            + ": its cells were written by the code at ffffffffffff (clean), this is unknown;"
            + " resuming would mix");
    assertThat(
            ebm("run", "--suite", suite(TINY), "--out", outDir.toString(), "--allow-code-change"))
        .isZero();
    assertThat(err.toString()).contains("ebm: warning: resuming across a code change");
    Provenance resumed = ResultsJson.read(outDir.resolve("results.json")).provenance();
    assertThat(resumed.earlierCode()).containsExactly(other);
    assertThat(resumed.git().unknown()).isTrue();
    assertThat(Files.readString(outDir.resolve("report.html")))
        .contains(
            "other cells from", "ffffffffffff (clean) (resumed or merged with --allow-code-change)");

    // The report is rebuilt from results.json alone.
    Files.delete(outDir.resolve("report.html"));
    assertThat(ebm("report", outDir.toString())).isZero();
    assertThat(outDir.resolve("report.html")).exists();
  }

  @Test
  void suiteDeclaredEnginesRunEveryCellOnEachAndTheReportComparesThem() throws IOException {
    String isingOnly = TINY.substring(0, TINY.indexOf("  - family: toy\n    model: {type: gauss"));
    String onBoth = "engines: [cpu, gpu]\n" + isingOnly;
    Path outDir = dir.resolve("run");
    assertThat(ebm("run", "--suite", suite(onBoth), "--seed", "1", "--out", outDir.toString()))
        .as(err.toString())
        .isZero();
    ResultsFile results = ResultsJson.read(outDir.resolve("results.json"));
    assertThat(results.cells()).extracting(CellResult::engine)
        .containsExactly("cpu", "cpu", "cpu", "gpu", "gpu", "gpu");
    assertThat(results.provenance().engines()).extracting(Provenance.EngineRecord::name)
        .containsExactly("cpu", "gpu");
    assertThat(Files.readString(outDir.resolve("report.html")))
        .contains("Engine comparison", "cpu / gpu");
  }

  private static List<CellResult> untimed(Path runDir) {
    return ResultsJson.read(runDir.resolve("results.json")).cells().stream()
        .map(CellResult::withoutTimings).toList();
  }

  @Test
  void aCellIsRerunExactlyFromItsResultAndJobsChangeNoMetric() throws IOException {
    Path whole = dir.resolve("whole");
    assertThat(ebm("run", "--suite", suite(TINY), "--out", whole.toString())).isZero();
    ResultsFile results = ResultsJson.read(whole.resolve("results.json"));

    // A PCD cell on spins and a Langevin CD cell whose sampler came from its experiment.
    for (CellResult cell : List.of(results.cells().get(5), results.cells().get(8))) {
      Path again = dir.resolve("rerun-" + cell.key());
      int code = ebm("run", "--rerun", cell.key(), "--from", whole.toString(), "--out", again.toString());
      assertThat(code).as(err.toString()).isZero();
      ResultsFile rerun = ResultsJson.read(again.resolve("results.json"));
      assertThat(rerun.cells()).hasSize(1);
      assertThat(rerun.cells().get(0).withoutTimings()).isEqualTo(cell.withoutTimings());
      assertThat(rerun.suite().source()).startsWith("rerun of cell " + cell.key() + " from ");
      assertThat(ebm("check", again.toString(), "--baseline", whole.toString())).isZero();
    }
    assertThat(results.cells().get(8).sampler().get("type").asText()).isEqualTo("langevin");

    Path together = dir.resolve("together");
    assertThat(ebm("run", "--suite", suite(TINY), "--out", together.toString(), "--jobs", "3")).isZero();
    assertThat(untimed(together)).isEqualTo(untimed(whole));
    assertThat(ResultsJson.read(together.resolve("results.json")).cells())
        .allSatisfy(c -> assertThat(c.timing().jobs()).isEqualTo(3));    assertThat(ebm("check", together.toString(), "--baseline", whole.toString())).isZero();
  }

  @Test
  void checkPassesAnUnchangedRerunAndCatchesAPlantedRegression() throws IOException {
    Path base = dir.resolve("base");
    Path again = dir.resolve("again");
    assertThat(ebm("run", "--suite", suite(TINY), "--out", base.toString())).isZero();
    assertThat(ebm("run", "--suite", suite(TINY), "--out", again.toString())).isZero();
    out.getBuffer().setLength(0);

    assertThat(ebm("check", again.toString(), "--baseline", base.toString())).isZero();
    assertThat(out.toString()).contains("check: 9 cells compared, 0 regressions");

    // Plant a regression: the first cell's final KL ten times the baseline's.
    Path file = again.resolve("results.json");
    ObjectNode tree =
        (ObjectNode) ResultsJson.mapper().readTree(file.toFile());
    ObjectNode summary =
        (ObjectNode) tree.path("cells").path(0).path("summary");
    summary.put("klTrueToModel", 10 * summary.path("klTrueToModel").doubleValue() + 0.01);
    ResultsJson.mapper().writeValue(file.toFile(), tree);
    out.getBuffer().setLength(0);

    assertThat(ebm("check", again.toString(), "--baseline", base.toString()))
        .isEqualTo(CheckCommand.EXIT_REGRESSIONS);
    assertThat(out.toString()).contains("REGRESSION toy ising exact-mle seed 1 cpu [", "klTrueToModel: baseline");
  }

  @Test
  void aRerunNamesAKeyThatIsNotThere() throws IOException {
    Path whole = dir.resolve("whole");
    Files.createDirectories(whole);
    Files.writeString(whole.resolve("results.json"), ResultsJson.toJson(
        SampleResults.create()));
    assertThat(ebm("run", "--rerun", "ffffffffffffffff", "--from", whole.toString()))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo("ebm: error: " + whole.resolve("results.json")
        + " has no cell ffffffffffffffff (it has 3 cells: 0a1b2c3d4e5f6a7b, 1b2c3d4e5f6a7b8c,"
        + " 2c3d4e5f6a7b8c9d)" + System.lineSeparator());
  }

  private void assertInputError(String expectedMessage, String... args) {
    int code = ebm(args);
    assertThat(code).isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo("ebm: error: " + expectedMessage + System.lineSeparator());
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void unknownEngine() throws IOException {
    assertInputError(
        "unknown engine 'tpu'; known engines: cpu, gpu",
        "run", "--suite", suite(TINY), "--engine", "tpu", "--out", dir.resolve("run").toString());
  }

  @Test
  void misspelledField() throws IOException {
    String path = suite(TINY.replaceFirst("steps: 12", "stepz: 12"));
    assertInputError(
        "suite " + path + ": unknown field 'stepz' at experiments[0] (allowed: family, model, data,"
            + " estimators, sampler, optimizer, steps, batchSize, evaluateEvery, seeds, repeats,"
            + " warmup, timeLimit, engines)",
        "run", "--suite", path, "--out", dir.resolve("run").toString());
  }

  @Test
  void tooManySpins() throws IOException {
    String path = suite(TINY.replace("n: 4", "n: 30"));
    assertInputError(
        "suite " + path + ": experiments[0].model.n: must be between 1 and 24, got 30",
        "run", "--suite", path, "--out", dir.resolve("run").toString());
  }

  @Test
  void nanInUserData() throws IOException {
    Files.writeString(dir.resolve("x.csv"), "0.5,1.0\n0.25,nan\n1,2\n");
    String path =
        suite(
            """
            name: user-data
            experiments:
              - family: toy
                model: {type: gaussian, d: 2}
                data: {file: x.csv, testRows: 1}
                estimators: [score-matching]
                optimizer: {type: sgd, lr: 0.01}
                steps: 5
                batchSize: 2
            """);
    assertInputError(
        "data file x.csv, line 2, column 2: value is NaN",
        "run", "--suite", path, "--out", dir.resolve("run").toString());
  }

  @Test
  void familyWithoutCells() throws IOException {
    assertInputError(
        "suite tiny has no cells for family 'rbm'; nothing to run (families"
            + " in this suite: toy)",
        "run", "--suite", suite(TINY), "--family", "rbm", "--out", dir.resolve("run").toString());
  }

  @Test
  void unknownOption() {
    int code = ebm("run", "--suite", "smoke", "--colour");
    assertThat(code).isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).startsWith("ebm: error: Unknown option: '--colour'").hasLineCount(1);
  }

  @Test
  void helpAndVersion() {
    assertThat(ebm("--help")).isZero();
    assertThat(out.toString()).contains("Usage: ebm", "run", "report");
    assertThat(ebm("--version")).isZero();
    assertThat(out.toString()).contains("ebm ");
  }
}
