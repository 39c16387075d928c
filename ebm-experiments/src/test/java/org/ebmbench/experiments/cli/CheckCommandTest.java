package org.ebmbench.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ebm check} on results files: a planted regression, an unchanged copy, bad input. */
class CheckCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path baseline;

  private int ebm(String... args) {
    CommandLine cmd = EbmCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @BeforeEach
  void writeBaseline() throws IOException {
    baseline = dir.resolve("baseline");
    Files.createDirectories(baseline);
    ResultsJson.writeAtomically(SampleResults.create(), baseline.resolve("results.json"));
  }

  /** A copy of the baseline's file with one summary metric of one cell set, as text edits do. */
  private Path copyWith(String name, int cell, String metric, double value) throws IOException {
    ObjectNode tree = (ObjectNode) ResultsJson.mapper().readTree(baseline.resolve("results.json").toFile());
    ((ObjectNode) tree.path("cells").path(cell).path("summary")).put(metric, value);
    Path run = dir.resolve(name);
    Files.createDirectories(run);
    ResultsJson.mapper().writeValue(run.resolve("results.json").toFile(), tree);
    return run;
  }

  @Test
  void anUnchangedCopyPasses() throws IOException {
    Path run = dir.resolve("copy");
    Files.createDirectories(run);
    Files.copy(baseline.resolve("results.json"), run.resolve("results.json"));
    assertThat(ebm("check", run.toString(), "--baseline", baseline.toString())).isZero();
    assertThat(out.toString()).isEqualTo(
        "check: 3 cells compared, 0 regressions, 0 warnings, 0 baseline cells missing from this"
            + " run, 0 cells not in the baseline" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aPlantedRegressionExitsOneWithItsLine() throws IOException {
    Path run = copyWith("worse", 0, "klTrueToModel", 0.01);
    assertThat(ebm("check", run.toString(), "--baseline", baseline.toString()))
        .isEqualTo(CheckCommand.EXIT_REGRESSIONS);
    assertThat(out.toString().lines()).containsExactly(
        "REGRESSION toy ising exact-mle seed 1 cpu [0a1b2c3d4e5f6a7b] klTrueToModel: baseline"
            + " 0.00003, new 0.01, allowed <= 0.001036 (abs 0.001 + rel 0.2)",
        "check: 3 cells compared, 1 regressions, 0 warnings, 0 baseline cells missing from this"
            + " run, 0 cells not in the baseline");
  }

  @Test
  void aChangeWithinToleranceAndASlowerRunWithoutARatioPass() throws IOException {
    Path run = copyWith("close", 0, "klTrueToModel", 0.001);
    assertThat(ebm("check", run.toString(), "--baseline", baseline.toString())).isZero();
    Path slow = copyWith("slow", 1, "secondsPerStep", 0.05);
    assertThat(ebm("check", slow.toString(), "--baseline", baseline.toString())).isZero();
    assertThat(out.toString()).contains("WARNING toy ising cd-1 seed 1 cpu [1b2c3d4e5f6a7b8c]"
        + " secondsPerStep: baseline 0.005 s, new 0.05 s, ratio 10");
    assertThat(ebm("check", slow.toString(), "--baseline", baseline.toString(), "--time-ratio", "2"))
        .isEqualTo(CheckCommand.EXIT_REGRESSIONS);
  }

  @Test
  void runsWithNoCellInCommonAreBadInput() throws IOException {
    ObjectNode tree = (ObjectNode) ResultsJson.mapper().readTree(baseline.resolve("results.json").toFile());
    tree.get("cells").forEach(c -> ((ObjectNode) c).put("key", "f" + c.get("key").asText().substring(1)));
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    ResultsJson.mapper().writeValue(other.resolve("results.json").toFile(), tree);
    assertThat(ebm("check", other.toString(), "--baseline", baseline.toString()))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo("ebm: error: no cell of " + other + " matches a cell of"
        + " the baseline " + baseline + " (different suites, seeds or engine?)" + System.lineSeparator());
  }

  @Test
  void aFolderOfPerSuiteBaselinesPicksTheRunsSuite() throws IOException {
    // SampleResults is a run of the suite "smoke"; a standard baseline beside it is not used.
    Path baselines = dir.resolve("baselines");
    Files.createDirectories(baselines.resolve("smoke"));
    Files.createDirectories(baselines.resolve("standard"));
    Files.copy(baseline.resolve("results.json"), baselines.resolve("smoke/results.json"));
    Path standard = copyWith("standard-run", 0, "klTrueToModel", 1.0);
    Files.copy(standard.resolve("results.json"), baselines.resolve("standard/results.json"));
    Path run = copyWith("run", 1, "klTrueToModel", 1.0);

    assertThat(ebm("check", baseline.toString(), "--baseline", baselines.toString())).isZero();
    assertThat(ebm("check", run.toString(), "--baseline", baselines.toString()))
        .isEqualTo(CheckCommand.EXIT_REGRESSIONS);

    Files.delete(baselines.resolve("smoke/results.json"));
    err.getBuffer().setLength(0);
    assertThat(ebm("check", run.toString(), "--baseline", baselines.toString()))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo(
        "ebm: error: " + baselines + ": no baseline for suite 'smoke' (no "
            + baselines.resolve("smoke/results.json") + "; baselines here: standard)"
            + System.lineSeparator());
  }

  @Test
  void badInputExitsTwoWithOneLine() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    assertThat(ebm("check", nowhere.toString(), "--baseline", baseline.toString()))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo(
        "ebm: error: " + nowhere + ": no such file" + System.lineSeparator());
    err.getBuffer().setLength(0);
    assertThat(ebm("check", baseline.toString(), "--baseline", baseline.toString(), "--time-ratio", "0"))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo(
        "ebm: error: --time-ratio must be a positive number, got 0.0" + System.lineSeparator());
  }
}
