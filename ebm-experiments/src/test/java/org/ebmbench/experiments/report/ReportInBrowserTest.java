package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebmbench.experiments.cli.EbmCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report of a tiny run, opened in a real browser: headless Chromium loads it from a file
 * URL without console messages (the page has no scripts, so any is a problem: a resource it
 * failed to load, a parse error), and the DOM it built holds every chart and table. A
 * screenshot lands in target/report-in-browser/. Skipped where Chromium is not installed
 * (.ci/run installs Debian's chromium); -Debm.chromium=PATH picks another binary.
 */
class ReportInBrowserTest {
  private static final Path OUTPUT = Path.of("target", "report-in-browser");

  /** Far beyond the few seconds Chromium takes; only there so a hung browser cannot hang the build. */
  private static final long BROWSER_TIMEOUT_SECONDS = 120;

  private static final String TINY =
      """
      name: browser
      experiments:
        - family: toy
          model: {type: ising, n: 4}
          data: {train: 200, test: 100}
          estimators: [exact-mle, cd-1]
          optimizer: {type: adam, lr: 0.05}
          steps: 8
          batchSize: 50
          evaluateEvery: 4
        - family: toy
          model: {type: gaussian, d: 2}
          data: {train: 200, test: 100}
          estimators: [score-matching]
          optimizer: {type: sgd, lr: 0.01}
          steps: 8
          batchSize: 50
          evaluateEvery: 4
      """;

  @TempDir Path dir;

  /** The browser; the test is skipped, saying why, where there is none. */
  private static Path requireChromium() {
    Path browser = chromium();
    assumeTrue(browser != null && Files.isExecutable(browser),
        "Chromium not found (" + (browser == null ? "/usr/bin/chromium" : browser) + "; or give"
            + " -Debm.chromium=PATH): skipping the browser test; .ci/run installs Debian's chromium");
    return browser;
  }

  private static Path chromium() {
    String configured = System.getProperty("ebm.chromium");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  /** Runs Chromium headless on {@code page} with {@code action}; returns its stderr. */
  private String browse(Path browser, Path page, String action, Path stdout) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path stderr = dir.resolve("chromium-" + System.nanoTime() + ".err");
    List<String> command = new ArrayList<>(List.of(
        browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        "--window-size=1280,2400", action, page.toUri().toString()));
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s");
    }
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("chromium exit status; stderr:\n" + log).isZero();
    return log;
  }

  /** Chromium's log lines for console messages: {@code [...:INFO:CONSOLE:1] "text", source: ...}. */
  private static List<String> consoleMessages(String log) {
    return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
  }

  /** Guards the check above: this Chromium does log a page's console errors where we look. */
  @Test
  void aConsoleErrorOnThePageIsSeen() throws Exception {
    Path browser = requireChromium();
    Path page = dir.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><script>console.error('planted');"
        + " notDefined();</script></body></html>");
    List<String> console = consoleMessages(browse(browser, page, "--dump-dom", dir.resolve("dom")));
    assertThat(console).anySatisfy(l -> assertThat(l).contains("planted"));
    assertThat(console).anySatisfy(l -> assertThat(l).contains("notDefined is not defined"));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theReportLoadsInChromiumWithItsChartsAndTables() throws Exception {
    Path browser = requireChromium();

    Path run = dir.resolve("run");
    Files.writeString(dir.resolve("browser.yaml"), TINY);
    CommandLine cmd = EbmCommand.commandLine();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    assertThat(cmd.execute("run", "--suite", dir.resolve("browser.yaml").toString(), "--out", run.toString()))
        .as(err.toString()).isZero();
    // JMH results beside results.json are folded into the rebuilt report.
    try (var jmh = ReportInBrowserTest.class.getResourceAsStream("jmh.json")) {
      Files.write(run.resolve("jmh.json"), jmh.readAllBytes());
    }
    assertThat(cmd.execute("report", run.toString())).as(err.toString()).isZero();
    Files.createDirectories(OUTPUT);
    Path page = OUTPUT.resolve("report.html").toAbsolutePath();
    Files.copy(run.resolve("report.html"), page, StandardCopyOption.REPLACE_EXISTING);
    String html = Files.readString(page);

    Path dom = OUTPUT.resolve("report-dom.html").toAbsolutePath();
    assertThat(consoleMessages(browse(browser, page, "--dump-dom", dom)))
        .as("console messages while loading the report").isEmpty();

    String loaded = Files.readString(dom);
    assertThat(loaded).contains("<title>EBM Bench: browser (", "Family: toy", "Provenance");
    // Each model's lines carry a translucent band over seeds.
    assertThat(html).contains("fill-opacity");
    // Two models, each with a chart against steps and one against time; the browser kept all.
    int charts = count(html, "<svg[\\s>]");
    assertThat(charts).isEqualTo(4);
    assertThat(count(loaded, "<svg[\\s>]")).isEqualTo(charts);
    assertThat(count(loaded, "<(path|line|polyline)[\\s>]")).isGreaterThan(charts);
    // Overview, one family table, JMH, provenance.
    assertThat(count(loaded, "<table[\\s>]")).isEqualTo(4);
    assertThat(loaded).contains("<h2>Overview</h2>", "JMH benchmarks", "GemmBenchmark.multiply");
    assertThat(loaded).contains("exact-mle", "cd-1", "score-matching");

    Path screenshot = OUTPUT.resolve("report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    browse(browser, page, "--screenshot=" + screenshot, dir.resolve("screenshot.out"));
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png).hasSizeGreaterThan(10_000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
