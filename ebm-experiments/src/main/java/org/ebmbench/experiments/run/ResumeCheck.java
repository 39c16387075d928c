package org.ebmbench.experiments.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;

/**
 * Keeps a resumed run from silently mixing cells computed by two versions of the code: the cells
 * already in results.json are kept as they are, so they must come from the code that runs the
 * rest. The code's version is its git commit with a hash of its uncommitted changes
 * ({@link Provenance.Git}).
 */
public final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * The provenance to record for a run that resumes {@code previous}.
   *
   * @param previous the run found in the output folder
   * @param current this invocation's provenance
   * @param allowCodeChange resume even when the code differs ({@code --allow-code-change})
   * @param file the existing results.json, for messages
   * @param err where warnings go
   * @return {@code current}, carrying the code versions that wrote earlier cells when they differ
   * @throws InputException when the code differs and {@code allowCodeChange} is false
   */
  public static Provenance check(
      ResultsFile previous,
      Provenance current,
      boolean allowCodeChange,
      Path file,
      PrintWriter err) {
    Provenance before = previous.provenance();
    List<Provenance.Git> earlier =
        before.earlierCode() == null ? new ArrayList<>() : new ArrayList<>(before.earlierCode());
    boolean keepsCells = previous.cells().stream().anyMatch(CellResult::ok);
    Provenance.Git was = before.git();
    Provenance.Git now = current.git();
    if (!keepsCells || was.sameCodeAs(now)) {
      return current.withEarlierCode(earlier);
    }
    if (was.unknown() && now.unknown()) {
      err.println("ebm: warning: resuming " + file + " without checking that the code is the"
          + " version that wrote its cells (no git checkout to tell the version)");
      err.flush();
      return current.withEarlierCode(earlier);
    }
    String difference =
        "its cells were written by the code at " + was.describe() + ", this is " + now.describe();
    if (!allowCodeChange) {
      throw new InputException(
          "cannot resume " + file + ": " + difference + "; resuming would mix numbers of two code"
              + " versions in one run. Use another --out to rerun every cell, or"
              + " --allow-code-change to keep the old cells anyway");
    }
    err.println("ebm: warning: resuming across a code change (--allow-code-change): " + difference
        + "; the old cells are kept and the earlier version is recorded in provenance.earlierCode");
    err.flush();
    if (!earlier.contains(was)) {
      earlier.add(was);
    }
    return current.withEarlierCode(earlier);
  }
}
