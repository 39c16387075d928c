package org.ebmbench.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.report.JmhResults;
import org.ebmbench.experiments.report.ReportWriter;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ProvenanceCollector;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.EngineChoice;
import org.ebmbench.experiments.run.Families;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.Planner;
import org.ebmbench.experiments.run.Rerun;
import org.ebmbench.experiments.run.ResumeCheck;
import org.ebmbench.experiments.run.ProgressBarProgress;
import org.ebmbench.experiments.run.RunProgress;
import org.ebmbench.experiments.run.Runner;
import org.ebmbench.experiments.run.Sharding;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.crf.CrfFamily;
import org.ebmbench.experiments.neural.NeuralFamily;
import org.ebmbench.experiments.rbm.RbmFamily;
import org.ebmbench.experiments.toy.ToyFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ebm run}: validate a suite, run its cells, write results.json and the report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a suite: validates all of it, then runs each cell (experiment x estimator x seed) one"
          + " at a time (--jobs N: N at once), rewriting results.json after every cell, and writes"
          + " the HTML report. --rerun KEY --from DIR reruns one cell from its result.",
      "Without --out: results/RUN_ID/results.json and reports/RUN_ID/report.html under the EBM"
          + " Bench folder. With --out DIR: DIR/results.json and DIR/report.html; rerunning with"
          + " the same DIR resumes, skipping the cells already ok.",
      "Exit status: 0 all cells ok or skipped for missing data, 3 some cells failed, 2 bad input,"
          + " 1 internal error."
    },
    sortOptions = false)
public final class RunCommand implements Callable<Integer> {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(
      names = "--suite",
      paramLabel = "SUITE",
      description = "A built-in suite (smoke, standard, full) or a suite file (.yaml, .yml, .json).")
  String suite;

  @Option(
      names = "--rerun",
      paramLabel = "KEY",
      description = "Instead of a suite, rerun the one cell of that key, rebuilt from its result"
          + " in --from (same settings, seed and engine); compare with 'ebm check'.")
  String rerun;

  @Option(
      names = "--from",
      paramLabel = "RESULTS",
      description = "With --rerun: the folder holding results.json, or the file itself.")
  Path from;

  @Option(
      names = "--family",
      split = ",",
      paramLabel = "FAMILY",
      description = "Run only these families (toy, rbm, crf, neural); repeatable or comma-separated.")
  List<String> families = new ArrayList<>();

  @Option(
      names = "--engine",
      split = ",",
      paramLabel = "ENGINE",
      description = "The engine to compute with: cpu or gpu, instead of the suite's engines"
          + " (default: the suite's, else cpu). Several (--engine cpu,gpu) run every cell on"
          + " each, and the report compares them.")
  List<String> engines = new ArrayList<>();

  @Option(
      names = "--precision",
      paramLabel = "float|double",
      description = "Compute in this precision; default: each engine's own (cpu: double, gpu:"
          + " float). A non-default precision is part of the cells' engine name (gpu:double).")
  String precision;

  @Option(
      names = "--seed",
      split = ",",
      paramLabel = "N",
      description = "Replace the suite's seeds with these; repeatable or comma-separated.")
  List<Long> seeds = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write results.json and report.html into DIR (resuming a run already there).")
  Path out;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Look for installed data sets (IDX images named by a relative path) in DIR"
          + " instead of the suite's folder and /usr/share/datasets/fashion-mnist.")
  Path data;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Run only share I of N of the grid (1-based: 1/4 .. 4/4), for a job array;"
          + " join the shares with 'ebm merge'. The split depends on the cells' keys only.")
  String shard;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Run up to N cells at once (default 1). Metrics are unchanged; timings of a"
          + " run with N > 1 are marked not comparable, and there is no warm-up.")
  int jobs;

  @Option(
      names = "--allow-code-change",
      description = "Resume a run in --out even though its cells were written by another version"
          + " of the code (commit or uncommitted changes); the earlier versions are recorded in"
          + " the provenance. Without it such a resume is refused.")
  boolean allowCodeChange;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Instant startedAt = Instant.now();
    Path cwd = Path.of("").toAbsolutePath();
    Families registry =
        new Families(
            List.of(new ToyFamily(), new RbmFamily(), new CrfFamily(), new NeuralFamily()));

    // Everything that can be wrong with the input is found here, before any file is written.
    if (jobs < 1) {
      throw new InputException("--jobs: must be at least 1, got " + jobs);
    }
    SuiteLoader loader = new SuiteLoader(registry.modelTypes());
    CellResult rerunCell = null;
    LoadedSuite loaded;
    if (rerun != null) {
      if (suite != null || from == null || shard != null || !seeds.isEmpty()) {
        throw new InputException("--rerun KEY needs --from RESULTS and takes no --suite, --shard or --seed");
      }
      Path fromFile = CheckCommand.resultsFile(cwd, from);
      ResultsFile source = ResultsJson.read(fromFile);
      rerunCell = Rerun.find(source, rerun, fromFile);
      loaded = Rerun.suiteOf(rerunCell, source, fromFile, loader, cwd);
      // The engine name carries a non-default precision as the cell records it (gpu:double).
      engines = List.of(rerunCell.engine());
      precision = null;
    } else if (suite == null) {
      throw new InputException("give --suite SUITE, or --rerun KEY --from RESULTS");
    } else {
      loaded = loader.load(suite, cwd);
    }
    EngineChoice chosen =
        engines.isEmpty()
            ? EngineChoice.fromSuite(precision)
            : EngineChoice.fixed(engines(engines, precision));
    if (!seeds.isEmpty()) {
      loaded = new LoadedSuite(
          loaded.suite().withSeeds(List.copyOf(seeds)), loaded.source(), loaded.directory(), loaded.sha256());
    }
    Sharding.Share share = shard == null ? null : Sharding.parse(shard);
    Plan plan =
        new Planner(registry, data == null ? null : cwd.resolve(data).normalize())
            .plan(loaded, chosen, families);
    if (rerunCell != null) {
      Rerun.checkSameCell(plan, rerunCell);
    }
    ResultsFile.Shard shardInfo = null;
    if (share != null) {
      Sharding.Sharded sharded = Sharding.select(plan, share);
      plan = sharded.plan();
      shardInfo = sharded.shard();
    }
    plan.notes().forEach(n -> err.println("ebm: note: " + n));

    Path resultsDir;
    Path reportFile;
    ResultsFile previous = null;
    String runId;
    if (out != null) {
      resultsDir = cwd.resolve(out).normalize();
      reportFile = resultsDir.resolve("report.html");
      Path existing = resultsDir.resolve("results.json");
      if (Files.exists(existing)) {
        previous = ResultsJson.read(existing);
        checkResumable(previous, plan, shardInfo, existing);
      }
      runId = previous != null ? previous.runId() : newRunId(startedAt, loaded, null);
    } else {
      Path home = home(cwd);
      runId = newRunId(startedAt, loaded, home);
      resultsDir = home.resolve("results").resolve(runId);
      reportFile = home.resolve("reports").resolve(runId).resolve("report.html");
    }
    Path resultsFile = resultsDir.resolve("results.json");

    List<String> commandLine = spec.root().commandLine().getParseResult().originalArgs();
    Provenance provenance =
        ProvenanceCollector.collect(
            plan.engines().stream().map(Engine::info).toList(), plan.seeds(), commandLine,
            startedAt, home(cwd));
    if (previous != null) {
      provenance =
          ResumeCheck.check(
              previous, provenance, allowCodeChange, resultsDir.resolve("results.json"), err);
    }
    ResultsFile start =
        new ResultsFile(
            ResultsFile.SCHEMA_VERSION,
            runId,
            new ResultsFile.SuiteInfo(
                loaded.suite().name(), loaded.source(), loaded.sha256(), loaded.suite().tolerances()),
            provenance,
            previous == null ? List.of() : previous.cells(),
            shardInfo);
    dropNote(previous, plan, err);

    ResultsFile results;
    try (RunProgress progress =
        new ProgressBarProgress(loaded.suite().name(), System.console() != null, System.err, err)) {
      results = new Runner(progress, jobs).run(plan, start, resultsFile);
    }
    JmhResults benchmarks = JmhResults.beside(resultsFile).map(JmhResults::read).orElse(null);
    ReportWriter.write(results, benchmarks, reportFile);

    long skipped = results.cells().stream().filter(CellResult::skipped).count();
    long failed = results.cells().stream().filter(c -> !c.ok() && !c.skipped()).count();
    stdout.println("results: " + resultsFile);
    stdout.println("report:  " + reportFile);
    stdout.println(results.cells().size() + " cells: " + (results.cells().size() - failed - skipped)
        + " ok, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped (data not here)" : ""));
    if (shardInfo != null) {
      stdout.println("shard " + shardInfo + ": " + plan.cells().size() + " of the grid's "
          + shardInfo.gridKeys().size() + " cells; join the shards with 'ebm merge'");
    }
    stdout.flush();
    return failed > 0 ? EbmCommand.EXIT_CELLS_FAILED : 0;
  }

  /**
   * The named engines, each at {@code precision} when one is given; a name may carry its own
   * precision as cells record it ("gpu:double").
   */
  private static List<Engine> engines(List<String> names, String precision) {
    if (names.stream().distinct().count() != names.size()) {
      throw new InputException("--engine names an engine twice: " + String.join(",", names));
    }
    return names.stream().map(name -> EngineChoice.resolve(name, precision)).toList();
  }

  /** The EBM Bench folder: where the launcher lives, else the working directory. */
  private static Path home(Path cwd) {
    String home = System.getProperty("ebm.home");
    return home == null || home.isBlank() ? cwd : Path.of(home).toAbsolutePath();
  }

  private static String newRunId(Instant startedAt, LoadedSuite loaded, Path home) {
    String base = RUN_ID_TIME.format(startedAt) + "-" + loaded.suite().name();
    if (home == null) {
      return base;
    }
    String id = base;
    for (int i = 2; Files.exists(home.resolve("results").resolve(id)); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private static void checkResumable(
      ResultsFile previous, Plan plan, ResultsFile.Shard shard, Path file) {
    String suiteName = plan.suite().suite().name();
    if (!previous.suite().name().equals(suiteName)) {
      throw new InputException(
          file + " holds a run of suite '" + previous.suite().name() + "', not '" + suiteName
              + "'; choose another --out");
    }
    // Resuming keeps only this run's cells: another share's would be dropped.
    String before = previous.shard() == null ? "the whole grid" : "shard " + previous.shard();
    String now = shard == null ? "the whole grid" : "shard " + shard;
    if (!before.equals(now)) {
      throw new InputException(
          file + " holds " + before + ", this run is " + now + "; choose another --out");
    }
  }

  private static void dropNote(ResultsFile previous, Plan plan, PrintWriter err) {
    if (previous == null) {
      return;
    }
    Set<String> planned = plan.cells().stream().map(Cell::key).collect(Collectors.toSet());
    long stale = previous.cells().stream().filter(c -> !planned.contains(c.key())).count();
    long failedBefore =
        previous.cells().stream().filter(c -> planned.contains(c.key()) && !c.ok()).count();
    if (stale > 0) {
      err.println("ebm: note: " + stale + " cells in the existing results are not in this run"
          + " (suite edited or other options) and are dropped");
    }
    if (failedBefore > 0) {
      err.println("ebm: note: rerunning " + failedBefore + " cells that failed before");
    }
    err.flush();
  }
}
