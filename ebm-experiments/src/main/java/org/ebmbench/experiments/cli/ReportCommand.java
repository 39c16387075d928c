package org.ebmbench.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebmbench.experiments.report.JmhResults;
import org.ebmbench.experiments.report.ReportWriter;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ebm report}: regenerate the HTML report from a results.json. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the HTML report of a run from its results.json alone, with a table of JMH results"
          + " when --jmh is given or a jmh.json lies beside results.json."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RESULTS",
      description = "A folder holding results.json, or the results file itself.")
  Path results;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the report (default: report.html beside results.json).")
  Path out;

  @Option(
      names = "--jmh",
      paramLabel = "FILE",
      description = "JMH results (-rf json) to fold in as a table (default: jmh.json beside"
          + " results.json, if there is one).")
  Path jmh;

  @Override
  public Integer call() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path file = CheckCommand.resultsFile(cwd, results);
    ResultsFile read = ResultsJson.read(file);
    Path report = out != null ? cwd.resolve(out).normalize() : file.resolveSibling("report.html");
    JmhResults benchmarks =
        jmh != null
            ? JmhResults.read(cwd.resolve(jmh).normalize())
            : JmhResults.beside(file).map(JmhResults::read).orElse(null);
    ReportWriter.write(read, benchmarks, report);
    spec.commandLine().getOut().println("report: " + report);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
