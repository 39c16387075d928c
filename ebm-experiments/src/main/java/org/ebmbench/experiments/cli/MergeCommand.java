package org.ebmbench.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.report.ReportWriter;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.results.ResultsMerger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ebm merge}: join the results of shards into one run. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Joins the results of 'ebm run --shard I/N' runs into one run (results.json and"
          + " report.html in --out), in suite order. Refuses mixed schema versions, different"
          + " suites or grids, shards of different code versions (git commit and uncommitted"
          + " changes) unless --allow-code-change, and a cell present twice with different"
          + " results.",
      "Missing shards are named; rerunning the suite with --out on the merged folder runs the"
          + " missing cells. Exit status: 0 merged, 2 bad input."
    },
    sortOptions = false)
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "SHARD",
      description = "The shards: folders holding results.json, or the files themselves.")
  List<Path> shards;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "A new folder for the merged results.json and report.html.")
  Path out;

  @Option(
      names = "--allow-code-change",
      description =
          "Merge shards written by different code versions anyway: warns, and records the other"
              + " versions in provenance.earlierCode.")
  boolean allowCodeChange;

  @Override
  public Integer call() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path outDir = cwd.resolve(out).normalize();
    Path resultsFile = outDir.resolve("results.json");
    if (Files.exists(resultsFile)) {
      throw new InputException(resultsFile + " exists; merge into a new folder");
    }
    List<Path> files = shards.stream().map(s -> CheckCommand.resultsFile(cwd, s)).toList();
    ResultsMerger.Merged merged = ResultsMerger.merge(files, allowCodeChange);
    ResultsJson.writeAtomically(merged.results(), resultsFile);
    Path report = outDir.resolve("report.html");
    ReportWriter.write(merged.results(), report);

    PrintWriter err = spec.commandLine().getErr();
    for (String warning : merged.warnings()) {
      err.println("ebm: warning: " + warning);
    }
    if (!merged.missing().isEmpty()) {
      err.println("ebm: note: " + merged.missing().size() + " cells of the grid are in no shard"
          + " given (shards given: " + merged.shardsGiven().stream().map(i -> i + "/" + merged.count())
              .collect(Collectors.joining(", "))
          + "); run the suite with --out " + out + " to complete them");
      err.flush();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("results: " + resultsFile);
    stdout.println("report:  " + report);
    stdout.println(merged.results().cells().size() + " cells from " + files.size() + " shards");
    stdout.flush();
    return 0;
  }
}
