package org.ebmbench.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.ebmbench.experiments.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ebm} command line. Exit status: 0 success; 2 bad input (an option, a suite file, a
 * data file; one line {@code ebm: error: ...} on stderr, no results file written); 3 the run
 * finished but some cells failed; 1 an unexpected internal error, or (for {@code check}) regressions
 * found.
 */
@Command(
    name = "ebm",
    mixinStandardHelpOptions = true,
    versionProvider = EbmCommand.Version.class,
    description = "EBM Bench: run benchmark suites of energy-based models and report the results.",
    subcommands = {
      RunCommand.class, ReportCommand.class, CheckCommand.class, MergeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EbmCommand implements Runnable {
  /** Exit status for bad input. */
  public static final int EXIT_INPUT = 2;

  /** Exit status when the run finished with failed cells. */
  public static final int EXIT_CELLS_FAILED = 3;

  /** Exit status for an internal error. */
  public static final int EXIT_INTERNAL = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command (run, report, check, merge)");
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }

  /** A configured command line: one-line errors and the exit codes above. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new EbmCommand());
    cmd.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          err.println("ebm: error: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
          err.flush();
          return EXIT_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof InputException) {
            err.println("ebm: error: " + oneLine(e.getMessage()));
            err.flush();
            return EXIT_INPUT;
          }
          err.println("ebm: internal error: " + oneLine(String.valueOf(e))
              + " (set EBM_DEBUG=1 for the stack trace)");
          if (System.getenv("EBM_DEBUG") != null) {
            e.printStackTrace(err);
          }
          err.flush();
          return EXIT_INTERNAL;
        });
    return cmd;
  }

  /** Messages are shown on one line, whatever their source put in them. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties props = new Properties();
      try (InputStream in = EbmCommand.class.getResourceAsStream("/org/ebmbench/experiments/version.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {
        "ebm " + props.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
