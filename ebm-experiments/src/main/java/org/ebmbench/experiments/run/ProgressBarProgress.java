package org.ebmbench.experiments.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ebmbench.experiments.results.CellResult;

/**
 * A progress bar of cells done with an estimate of the time left (me.tongfei progressbar). On a
 * terminal it redraws one line; elsewhere (a log file, CI) it prints one plain line per finished
 * cell instead of a line per refresh, and failures are always reported on their own line.
 */
public final class ProgressBarProgress implements RunProgress {
  /** "done/total cells" in a rendered bar, done captured. */
  private static final Pattern CELLS_DONE = Pattern.compile("(\\d+)/\\d+ cells");

  private final String task;
  private final boolean terminal;
  private final PrintStream terminalStream;
  private final PrintWriter lines;
  private ProgressBar bar;

  /**
   * @param task the bar's label (the suite name)
   * @param terminal whether {@code terminalStream} is an interactive terminal
   * @param terminalStream where the redrawn bar goes on a terminal
   * @param lines where plain lines go (failures, and every update when not on a terminal)
   */
  public ProgressBarProgress(
      String task, boolean terminal, PrintStream terminalStream, PrintWriter lines) {
    this.task = task;
    this.terminal = terminal;
    this.terminalStream = terminalStream;
    this.lines = lines;
  }

  @Override
  public void start(int total, int alreadyDone) {
    ProgressBarConsumer consumer =
        terminal ? new ConsoleProgressBarConsumer(terminalStream) : new OnChangeLines();
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
            .setUnit(" cells", 1)
            .setUpdateIntervalMillis(terminal ? 500 : 1000)
            .setConsumer(consumer)
            // The estimate counts only cells run now, not the ones a resumed run skips.
            .startsFrom(alreadyDone, Duration.ZERO)
            .build();
    if (alreadyDone > 0) {
      message("resuming: " + alreadyDone + " of " + total + " cells already done");
    }
  }

  @Override
  public void cellStarted(Cell cell) {
    bar.setExtraMessage(cell.label());
  }

  @Override
  public void cellFinished(Cell cell, CellResult result) {
    bar.setExtraMessage(cell.label() + ": " + result.status());
    bar.step();
    if (result.skipped()) {
      message("cell " + cell.label() + " (" + cell.key() + ") skipped: " + result.reason());
    } else if (!result.ok()) {
      message("cell " + cell.label() + " (" + cell.key() + ") failed: " + result.reason());
    }
  }

  private void message(String text) {
    if (terminal) {
      // Start a fresh line so the message does not land inside the bar.
      terminalStream.print("\r\033[K");
      terminalStream.flush();
    }
    lines.println(text);
    lines.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * Prints the rendered bar as a plain line, only when the count of finished cells in it moved.
   * The count is read from the rendered text itself: the bar renders on its own thread, so its
   * live count may already be ahead of the line being accepted (a stale line would then be
   * printed as the latest, and the final one skipped as unchanged).
   */
  private final class OnChangeLines implements ProgressBarConsumer {
    private String lastCount = null;

    @Override
    public int getMaxRenderedLength() {
      return 120;
    }

    @Override
    public void accept(String rendered) {
      Matcher count = CELLS_DONE.matcher(rendered);
      String current = count.find() ? count.group(1) : rendered;
      if (!current.equals(lastCount)) {
        lastCount = current;
        lines.println(rendered.stripTrailing());
        lines.flush();
      }
    }

    @Override
    public void close() {
      lines.flush();
    }
  }
}
