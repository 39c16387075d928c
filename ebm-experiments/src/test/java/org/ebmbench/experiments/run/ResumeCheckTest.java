package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final Path FILE = Path.of("out/results.json");

  private final StringWriter warnings = new StringWriter();
  private final ResultsFile previous = SampleResults.create();

  private static Provenance at(Provenance.Git git) {
    Provenance p = SampleResults.create().provenance();
    return new Provenance(
        git, p.jvm(), p.os(), p.cpu(), p.availableProcessors(), p.engine(), p.seeds(),
        List.of("run", "--suite", "smoke", "--out", "out"), "2026-11-29T08:00:00Z", null);
  }

  private Provenance check(ResultsFile before, Provenance.Git now, boolean allow) {
    return ResumeCheck.check(before, at(now), allow, FILE, new PrintWriter(warnings, true));
  }

  @Test
  void theSameCodeResumesQuietly() {
    Provenance p = check(previous, new Provenance.Git(COMMIT, false), false);
    assertThat(p.earlierCode()).isNull();
    assertThat(warnings.toString()).isEmpty();
    Provenance.Git dirty = new Provenance.Git(COMMIT, true, "ab".repeat(32));
    assertThat(check(previous.withProvenance(at(dirty)), dirty, false).earlierCode()).isNull();
  }

  @Test
  void anotherCommitIsRefusedNamingBothVersions() {
    Provenance.Git other = new Provenance.Git("fedcba987654" + COMMIT.substring(12), false);
    assertThatThrownBy(() -> check(previous, other, false))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "cannot resume out/results.json: its cells were written by the code at 0123456789ab"
                + " (clean), this is fedcba987654 (clean); resuming would mix numbers of two code"
                + " versions in one run. Use another --out to rerun every cell, or"
                + " --allow-code-change to keep the old cells anyway");
  }

  @Test
  void uncommittedChangesAreADifferentVersion() {
    Provenance.Git edited = new Provenance.Git(COMMIT, true, "ab".repeat(32));
    assertThatThrownBy(() -> check(previous, edited, false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("this is 0123456789ab with uncommitted changes abababababab;");
    Provenance.Git editedAgain = new Provenance.Git(COMMIT, true, "cd".repeat(32));
    assertThatThrownBy(() -> check(previous.withProvenance(at(edited)), editedAgain, false))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("with uncommitted changes abababababab, this is 0123456789ab with"
            + " uncommitted changes cdcdcdcdcdcd;");
  }

  @Test
  void allowingTheChangeWarnsAndRecordsEveryEarlierVersion() {
    Provenance.Git second = new Provenance.Git("1" + COMMIT.substring(1), false);
    Provenance resumed = check(previous, second, true);
    assertThat(resumed.git()).isEqualTo(second);
    assertThat(resumed.earlierCode()).containsExactly(previous.provenance().git());
    assertThat(warnings.toString())
        .startsWith("ebm: warning: resuming across a code change (--allow-code-change):");
    Provenance.Git third = new Provenance.Git("2" + COMMIT.substring(1), false);
    Provenance again = check(previous.withProvenance(resumed), third, true);
    assertThat(again.earlierCode()).containsExactly(previous.provenance().git(), second);
    // Resuming once more with the same code keeps the record of the earlier ones.
    assertThat(check(previous.withProvenance(again), third, false).earlierCode())
        .containsExactly(previous.provenance().git(), second);
  }

  @Test
  void aRunWithoutFinishedCellsMayResumeWithAnyCode() {
    ResultsFile onlyFailed =
        previous.withCells(previous.cells().stream().filter(c -> !c.ok()).toList());
    assertThat(onlyFailed.cells()).isNotEmpty().noneMatch(CellResult::ok);
    Provenance p = check(onlyFailed, new Provenance.Git("f" + COMMIT.substring(1), false), false);
    assertThat(p.earlierCode()).isNull();
  }

  @Test
  void withoutGitOnEitherSideItWarnsThatItCannotTell() {
    Provenance.Git unknown = new Provenance.Git(Provenance.UNKNOWN_COMMIT, null);
    check(previous.withProvenance(at(unknown)), unknown, false);
    assertThat(warnings.toString()).contains("without checking that the code is the version");
    assertThatThrownBy(() -> check(previous, unknown, false)).isInstanceOf(InputException.class);
  }
}
