package org.ebmbench.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ebm run --shard} and {@code ebm merge} end to end on the nine-cell tiny suite: the
 * whole run and two shards are run once for the class; each test merges or edits copies.
 */
class ShardMergeTest {
  @TempDir static Path runs;
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static Path suite;
  private static Path whole;
  private static Path shard1;
  private static Path shard2;

  private static int ebm(StringWriter out, StringWriter err, String... args) {
    CommandLine cmd = EbmCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private int ebm(String... args) {
    return ebm(out, err, args);
  }

  @BeforeAll
  static void runWholeAndShards() throws IOException {
    suite = runs.resolve("tiny.yaml");
    Files.writeString(suite, EbmCommandTest.TINY);
    whole = runs.resolve("whole");
    shard1 = runs.resolve("shard1");
    shard2 = runs.resolve("shard2");
    StringWriter err = new StringWriter();
    for (String[] args : List.of(
        new String[] {"--out", whole.toString()},
        new String[] {"--out", shard1.toString(), "--shard", "1/2"},
        new String[] {"--out", shard2.toString(), "--shard", "2/2"})) {
      String[] full = new String[args.length + 3];
      full[0] = "run";
      full[1] = "--suite";
      full[2] = suite.toString();
      System.arraycopy(args, 0, full, 3, args.length);
      assertThat(ebm(new StringWriter(), err, full)).as(err.toString()).isZero();
    }
  }

  private static ResultsFile read(Path runDir) {
    return ResultsJson.read(runDir.resolve("results.json"));
  }

  /** Cells by key, with what must agree exactly: everything but the timings. */
  private static Map<String, CellResult> comparable(ResultsFile r) {
    return r.cells().stream().collect(Collectors.toMap(
        CellResult::key, CellResult::withoutTimings));
  }

  @Test
  void shardsSplitTheGridAndRecordTheirShare() {
    ResultsFile a = read(shard1);
    ResultsFile b = read(shard2);
    assertThat(a.shard()).hasToString("1/2");
    assertThat(b.shard()).hasToString("2/2");
    assertThat(a.cells().size() + b.cells().size()).isEqualTo(9);
    assertThat(a.cells().size()).isBetween(4, 5);
    assertThat(a.shard().gridKeys()).isEqualTo(read(whole).cells().stream().map(CellResult::key).toList());
    assertThat(read(whole).shard()).isNull();
  }

  @Test
  void twoShardsMergedEqualTheWholeRunCellByCell() throws IOException {
    Path merged = dir.resolve("merged");
    assertThat(ebm("merge", shard2.toString(), shard1.toString(), "--out", merged.toString()))
        .as(err.toString()).isZero();
    // Outside a git checkout (a source archive) the shards' code versions cannot be compared.
    assertThat(err.toString()).isEqualTo(read(shard1).provenance().git().unknown()
        ? "ebm: warning: merging 2 shards without checking that one code version wrote them (no"
            + " git checkout to tell the version)" + System.lineSeparator()
        : "");
    assertThat(out.toString()).contains("9 cells from 2 shards");
    ResultsFile m = read(merged);
    ResultsFile w = read(whole);
    // Same cells in the same (suite) order: keys, seeds, summaries, curves, all but timings.
    assertThat(m.cells().stream().map(CellResult::key).toList())
        .isEqualTo(w.cells().stream().map(CellResult::key).toList());
    assertThat(comparable(m)).isEqualTo(comparable(w));
    assertThat(m.shard()).isNull();
    assertThat(m.suite()).isEqualTo(w.suite());
    assertThat(merged.resolve("report.html")).exists();

    // The merged run passes a regression check against the whole run.
    out.getBuffer().setLength(0);
    assertThat(ebm("check", merged.toString(), "--baseline", whole.toString())).isZero();
    assertThat(out.toString()).contains("check: 9 cells compared, 0 regressions");
  }

  @Test
  void aMissingShardIsNamedAndAResumeCompletesIt() {
    Path merged = dir.resolve("partial");
    assertThat(ebm("merge", shard1.toString(), "--out", merged.toString())).isZero();
    int missing = 9 - read(shard1).cells().size();
    assertThat(err.toString()).startsWith("ebm: note: " + missing + " cells of the grid are in no"
        + " shard given (shards given: 1/2)");
    err.getBuffer().setLength(0);
    assertThat(ebm("run", "--suite", suite.toString(), "--out", merged.toString())).isZero();
    assertThat(err.toString()).contains("resuming: " + (9 - missing) + " of 9 cells already done");
    assertThat(comparable(read(merged))).isEqualTo(comparable(read(whole)));
  }

  /** A copy of a run's results with its JSON edited. */
  private Path edited(Path runDir, String name, Function<ObjectNode, ObjectNode> edit) throws IOException {
    ObjectNode tree = (ObjectNode) ResultsJson.mapper().readTree(runDir.resolve("results.json").toFile());
    Path copy = dir.resolve(name);
    Files.createDirectories(copy);
    ResultsJson.mapper().writeValue(copy.resolve("results.json").toFile(), edit.apply(tree));
    return copy.resolve("results.json");
  }

  private void assertRefused(String message, String... args) {
    assertThat(ebm(args)).isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo("ebm: error: " + message + System.lineSeparator());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void refusesMixedSchemaVersions() throws IOException {
    // Version 1 is still readable, so only the mix stops the merge.
    Path v1 = edited(shard2, "v1", t -> t.put("schemaVersion", 1));
    Path a = shard1.resolve("results.json");
    assertRefused("cannot merge mixed schema versions: " + a + " has schemaVersion 2, " + v1
        + " has 1", "merge", a.toString(), v1.toString(), "--out", dir.resolve("out").toString());
  }

  @Test
  void refusesDifferentSuites() throws IOException {
    Path other = edited(shard2, "other", t -> {
      ((ObjectNode) t.get("suite")).put("sha256", "cd".repeat(32));
      return t;
    });
    String sha = read(shard1).suite().sha256().substring(0, 12);
    Path a = shard1.resolve("results.json");
    assertRefused("cannot merge different suites: " + a + " ran suite 'tiny' (sha256 " + sha
        + "...), " + other + " ran 'tiny' (sha256 cdcdcdcdcdcd...)",
        "merge", a.toString(), other.toString(), "--out", dir.resolve("out").toString());
  }

  /** A copy of a shard's results as if written by the code at {@code git}. */
  private Path writtenBy(Path runDir, String name, Provenance.Git git) throws IOException {
    return edited(runDir, name, t -> {
      ((ObjectNode) t.get("provenance")).set("git", ResultsJson.mapper().valueToTree(git));
      return t;
    });
  }

  @Test
  void refusesShardsOfDifferentCode() throws IOException {
    Path a = writtenBy(shard1, "old", new Provenance.Git("e".repeat(40), false));
    Path b = writtenBy(shard2, "new", new Provenance.Git("f".repeat(40), true, "9".repeat(64)));
    assertRefused("cannot merge shards of different code: " + a + " was written by the code at"
        + " eeeeeeeeeeee (clean), " + b + " by ffffffffffff with uncommitted changes 999999999999;"
        + " merging would mix numbers of two code versions in one run. Rerun the shards on one"
        + " version, or use --allow-code-change to merge them anyway",
        "merge", b.toString(), a.toString(), "--out", dir.resolve("out").toString());
  }

  @Test
  void warnsThatShardsFromOutsideGitCannotBeCompared() throws IOException {
    Provenance.Git unknown = new Provenance.Git(Provenance.UNKNOWN_COMMIT, null);
    Path a = writtenBy(shard1, "a", unknown);
    Path b = writtenBy(shard2, "b", unknown);
    assertThat(ebm("merge", a.toString(), b.toString(), "--out", dir.resolve("m").toString()))
        .as(err.toString()).isZero();
    assertThat(err.toString()).isEqualTo("ebm: warning: merging 2 shards without checking that"
        + " one code version wrote them (no git checkout to tell the version)"
        + System.lineSeparator());
    assertThat(read(dir.resolve("m")).provenance().earlierCode()).isNull();
  }

  @Test
  void mergesAcrossACodeChangeWhenAllowedAndRecordsTheOtherVersions() throws IOException {
    Provenance.Git first = new Provenance.Git("e".repeat(40), false);
    Provenance.Git second = new Provenance.Git("f".repeat(40), false);
    Provenance.Git resumedFrom = new Provenance.Git("d".repeat(40), false);
    Path a = writtenBy(shard1, "old", first);
    Path b = edited(shard2, "new", t -> {
      ObjectNode provenance = (ObjectNode) t.get("provenance");
      provenance.set("git", ResultsJson.mapper().valueToTree(second));
      provenance.set("earlierCode", ResultsJson.mapper().valueToTree(List.of(resumedFrom)));
      return t;
    });
    Path merged = dir.resolve("merged");
    assertThat(ebm("merge", a.toString(), b.toString(), "--out", merged.toString(),
        "--allow-code-change")).as(err.toString()).isZero();
    assertThat(err.toString()).isEqualTo("ebm: warning: merging across a code change"
        + " (--allow-code-change): " + a + " was written by the code at eeeeeeeeeeee (clean), " + b
        + " by ffffffffffff (clean); the other version is recorded in provenance.earlierCode"
        + System.lineSeparator());
    Provenance p = read(merged).provenance();
    assertThat(p.git()).isEqualTo(first);
    assertThat(p.earlierCode()).containsExactly(resumedFrom, second);
    assertThat(comparable(read(merged))).isEqualTo(comparable(read(whole)));
    assertThat(Files.readString(merged.resolve("report.html")))
        .contains("other cells from", "dddddddddddd (clean); ffffffffffff (clean)");
  }

  @Test
  void refusesADuplicateCellThatDisagreesAndAcceptsOneThatAgrees() throws IOException {
    Path same = edited(shard1, "same", t -> t);
    assertThat(ebm("merge", shard1.toString(), same.toString(), shard2.toString(),
        "--out", dir.resolve("ok").toString())).as(err.toString()).isZero();
    Path changed = edited(shard1, "changed", t -> {
      ((ObjectNode) t.get("cells").get(0).get("summary")).put("klTrueToModel", 0.5);
      return t;
    });
    String key = read(shard1).cells().get(0).key();
    Path a = shard1.resolve("results.json");
    assertRefused("cannot merge: cell " + key + " differs between " + a + " and " + changed
        + " (beyond timings)", "merge", a.toString(), changed.toString(), "--out",
        dir.resolve("out").toString());
  }

  @Test
  void refusesAWholeRunAndAShardIntoAnotherShardsFolder() throws IOException {
    Path w = whole.resolve("results.json");
    assertRefused(w + " is not a shard (it has no 'shard'; shards come from 'ebm run --shard I/N')",
        "merge", w.toString(), "--out", dir.resolve("out").toString());
    err.getBuffer().setLength(0);
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy);
    Files.copy(shard1.resolve("results.json"), copy.resolve("results.json"));
    assertThat(ebm("run", "--suite", suite.toString(), "--out", copy.toString(), "--shard", "2/2"))
        .isEqualTo(EbmCommand.EXIT_INPUT);
    assertThat(err.toString()).isEqualTo("ebm: error: " + copy.resolve("results.json")
        + " holds shard 1/2, this run is shard 2/2; choose another --out" + System.lineSeparator());
  }
}
