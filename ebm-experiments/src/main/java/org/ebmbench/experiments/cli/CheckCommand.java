package org.ebmbench.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.check.CheckReport;
import org.ebmbench.experiments.check.Finding;
import org.ebmbench.experiments.check.RegressionCheck;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ebm check}: compare a run with a baseline run and fail on regressions. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compares every cell (matched by key) and summary metric of a run with a baseline run under"
          + " tolerance rules (docs/RESULTS.md): the defaults per kind of metric, overridden by"
          + " the baseline suite's 'tolerances'. Prints one line per regression or warning and a"
          + " summary line.",
      "Exit status: 0 no regression, 1 regressions found, 2 bad input."
    },
    sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
  /** Exit status when regressions were found. */
  public static final int EXIT_REGRESSIONS = 1;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RESULTS",
      description = "The run to check: a folder holding results.json, or the file itself.")
  Path results;

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "BASELINE",
      description = "The baseline: a folder holding results.json, the file itself, or a folder"
          + " of baselines, one subfolder per suite (results/baseline/smoke,"
          + " results/baseline/standard), of which the run's suite is chosen.")
  Path baseline;

  @Option(
      names = "--time-ratio",
      paramLabel = "R",
      description = "Fail when a timing (secondsPerStep, totalSeconds) exceeds R times the"
          + " baseline's (R > 0); without it timings only warn, beyond "
          + RegressionCheck.TIME_WARNING_RATIO + " times. Cells whose baseline took under "
          + RegressionCheck.MIN_TIMED_SECONDS + " s are not timed.")
  Double timeRatio;

  @Option(
      names = "--require-all",
      description = "Fail when a baseline cell is missing from the run (default: warn).")
  boolean requireAll;

  @Override
  public Integer call() {
    if (timeRatio != null && !(Double.isFinite(timeRatio) && timeRatio > 0)) {
      throw new InputException("--time-ratio must be a positive number, got " + timeRatio);
    }
    Path cwd = Path.of("").toAbsolutePath();
    ResultsFile run = ResultsJson.read(resultsFile(cwd, results));
    ResultsFile base = ResultsJson.read(baselineFile(cwd, baseline, run.suite().name()));
    RegressionCheck check = new RegressionCheck(base.suite().tolerances(), timeRatio, requireAll);
    CheckReport report = check.compare(base, run);
    if (report.compared() == 0) {
      throw new InputException(
          "no cell of " + results + " matches a cell of the baseline " + baseline
              + " (different suites, seeds or engine?)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!run.suite().tolerances().equals(base.suite().tolerances())) {
      err.println("ebm: note: the run's suite has other tolerances than the baseline's; the"
          + " baseline's apply");
      err.flush();
    }
    for (Finding f : report.findings()) {
      out.println(f);
    }
    out.println(report.summary());
    out.flush();
    return report.regressions() > 0 ? EXIT_REGRESSIONS : 0;
  }

  /**
   * The baseline file for a run of {@code suite}: {@code given} itself, its results.json, or,
   * for a folder of per-suite baselines, {@code given/SUITE/results.json}.
   */
  static Path baselineFile(Path cwd, Path given, String suite) {
    Path path = cwd.resolve(given).normalize();
    if (!Files.isDirectory(path) || Files.exists(path.resolve("results.json"))) {
      return resultsFile(cwd, given);
    }
    Path perSuite = path.resolve(suite).resolve("results.json");
    if (Files.exists(perSuite)) {
      return perSuite;
    }
    List<String> suites = new ArrayList<>();
    try (Stream<Path> children = Files.list(path)) {
      children
          .filter(c -> Files.exists(c.resolve("results.json")))
          .map(c -> c.getFileName().toString())
          .sorted()
          .forEach(suites::add);
    } catch (IOException e) {
      throw new InputException(given + ": cannot list: " + e.getMessage());
    }
    throw new InputException(
        given + ": no baseline for suite '" + suite + "' (no " + given.resolve(suite)
            .resolve("results.json") + "; baselines here: "
            + (suites.isEmpty() ? "none" : String.join(", ", suites)) + ")");
  }

  /** A folder means its results.json. */
  static Path resultsFile(Path cwd, Path given) {
    Path path = cwd.resolve(given).normalize();
    return Files.isDirectory(path) ? path.resolve("results.json") : path;
  }
}
