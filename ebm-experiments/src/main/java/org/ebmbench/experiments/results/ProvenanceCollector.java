package org.ebmbench.experiments.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ebmbench.engine.EngineInfo;

/** Describes this machine, this JVM and this checkout for a run's provenance. */
public final class ProvenanceCollector {
  private static final String UNKNOWN = Provenance.UNKNOWN_COMMIT;

  /** Pathspecs of the folders of run outputs, left out of the code's identity. */
  private static final String[] OUTPUTS = {":(top,exclude)results", ":(top,exclude)reports"};

  private ProvenanceCollector() {}

  /**
   * @param engines the engines' own descriptions: the first is the run's engine, all of them
   *     are listed when the run compares several
   * @param seeds the seeds the suite runs with
   * @param commandLine the ebm arguments
   * @param startedAt when the run started
   * @param checkout a folder inside the git checkout the code came from
   */
  public static Provenance collect(
      List<EngineInfo> engines,
      List<Long> seeds,
      List<String> commandLine,
      Instant startedAt,
      Path checkout) {
    List<Provenance.EngineRecord> records = engines.stream().map(ProvenanceCollector::record).toList();
    return new Provenance(
        git(checkout),
        new Provenance.Jvm(
            System.getProperty("java.vendor"),
            System.getProperty("java.runtime.version", System.getProperty("java.version")),
            System.getProperty("java.vm.name")),
        new Provenance.Os(
            System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        records.get(0),
        List.copyOf(seeds),
        List.copyOf(commandLine),
        startedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
        records.size() > 1 ? records : null);
  }

  private static Provenance.EngineRecord record(EngineInfo engine) {
    return new Provenance.EngineRecord(
        engine.name(),
        engine.backend(),
        engine.device(),
        engine.precision().name(),
        engine.threads(),
        new TreeMap<>(engine.details()));
  }

  /** The checkout's commit and dirty flag, "unknown" when git or the checkout is absent. */
  static Provenance.Git git(Path checkout) {
    Optional<String> commit = runGit(checkout, "rev-parse", "HEAD");
    if (commit.isEmpty()) {
      return new Provenance.Git(UNKNOWN, null);
    }
    // Only tracked files count, and not the committed runs and reports (results/baseline,
    // reports/published), which a run may itself be rewriting: "dirty" means the code changed.
    Optional<String> status =
        runGit(checkout, "status", "--porcelain", "--untracked-files=no", "--", ":/", OUTPUTS[0],
            OUTPUTS[1]);
    Boolean dirty = status.map(s -> !s.isBlank()).orElse(null);
    String changes = null;
    if (Boolean.TRUE.equals(dirty)) {
      changes =
          runGit(checkout, "diff", "--no-ext-diff", "--binary", "HEAD", "--", ":/", OUTPUTS[0],
                  OUTPUTS[1])
              .map(d -> Hashing.sha256(d.getBytes(StandardCharsets.UTF_8)))
              .orElse(null);
    }
    return new Provenance.Git(commit.get(), dirty, changes);
  }

  private static Optional<String> runGit(Path dir, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.getOutputStream().close();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The processor model from /proc/cpuinfo, else the architecture. */
  static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        Optional<String> model =
            lines
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
        if (model.isPresent()) {
          return model.get();
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // fall through to the architecture
      }
    }
    return System.getProperty("os.arch");
  }
}
