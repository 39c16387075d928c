package org.ebmbench.experiments.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where, how and from what code a run's numbers came: enough to rerun a cell and to tell two
 * machines apart.
 *
 * @param git the commit of the code and whether the working tree had changes
 * @param jvm the Java runtime
 * @param os the operating system
 * @param cpu the processor model
 * @param availableProcessors the processors the JVM could use
 * @param engine the engine that computed
 * @param seeds the seeds the suite ran with (after --seed)
 * @param commandLine the arguments of the ebm command
 * @param startedAt when the run (or its latest resumption) started, ISO-8601 UTC
 * @param engines every engine of a run that compares engines ({@code --engine cpu,gpu}), the
 *     first being {@code engine}; null (and absent from the JSON) for a one-engine run
 * @param earlierCode the other code versions that wrote some of the cells: before a resumption
 *     forced across a code change ({@code ebm run --allow-code-change}), oldest first, or in
 *     shards merged across one ({@code ebm merge --allow-code-change}), in shard order; null (and
 *     absent) when every cell came from {@code git}
 */
public record Provenance(
    Git git,
    Jvm jvm,
    Os os,
    String cpu,
    int availableProcessors,
    EngineRecord engine,
    List<Long> seeds,
    List<String> commandLine,
    String startedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<EngineRecord> engines,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Git> earlierCode) {

  /** Provenance of a run whose cells all came from one code version. */
  public Provenance(
      Git git,
      Jvm jvm,
      Os os,
      String cpu,
      int availableProcessors,
      EngineRecord engine,
      List<Long> seeds,
      List<String> commandLine,
      String startedAt,
      List<EngineRecord> engines) {
    this(
        git, jvm, os, cpu, availableProcessors, engine, seeds, commandLine, startedAt, engines,
        null);
  }

  /** This provenance with another code version. */
  public Provenance withGit(Git newGit) {
    return new Provenance(
        newGit, jvm, os, cpu, availableProcessors, engine, seeds, commandLine, startedAt, engines,
        earlierCode);
  }

  /** This provenance with {@code earlier} as the code versions of the cells written before. */
  public Provenance withEarlierCode(List<Git> earlier) {
    return new Provenance(
        git, jvm, os, cpu, availableProcessors, engine, seeds, commandLine, startedAt, engines,
        earlier == null || earlier.isEmpty() ? null : List.copyOf(earlier));
  }

  /**
   * @param commit the full commit hash, or "unknown" outside a git checkout
   * @param dirty whether tracked files differ from the commit; null when unknown
   * @param changes when dirty, the SHA-256 of {@code git diff HEAD} (the uncommitted changes to
   *     tracked files), so that two dirty checkouts of one commit can be told apart; null (and
   *     absent) otherwise
   */
  public record Git(
      String commit, Boolean dirty, @JsonInclude(JsonInclude.Include.NON_NULL) String changes) {

    /** A version without a hash of its changes (clean, unknown, or written before the field). */
    public Git(String commit, Boolean dirty) {
      this(commit, dirty, null);
    }

    /** Whether git could not tell the commit (not a checkout, or no git). */
    public boolean unknown() {
      return UNKNOWN_COMMIT.equals(commit);
    }

    /**
     * Whether this and {@code other} are known to be the same code: the same commit, both clean
     * or both with the same uncommitted changes.
     */
    public boolean sameCodeAs(Git other) {
      return !unknown()
          && commit.equals(other.commit)
          && java.util.Objects.equals(dirty, other.dirty)
          && java.util.Objects.equals(changes, other.changes);
    }

    /** "0123456 (clean)", "0123456 with changes 89abcdef", "unknown". */
    public String describe() {
      if (unknown()) {
        return UNKNOWN_COMMIT;
      }
      String shortCommit = commit.substring(0, Math.min(12, commit.length()));
      if (dirty == null) {
        return shortCommit;
      }
      return dirty
          ? shortCommit + " with uncommitted changes"
              + (changes == null ? "" : " " + changes.substring(0, Math.min(12, changes.length())))
          : shortCommit + " (clean)";
    }
  }

  /** The commit recorded outside a git checkout. */
  public static final String UNKNOWN_COMMIT = "unknown";

  public record Jvm(String vendor, String version, String name) {}

  public record Os(String name, String version, String arch) {}

  /**
   * The engine as it described itself ({@link org.ebmbench.engine.EngineInfo}).
   *
   * @param precision "DOUBLE" or "FLOAT"
   */
  public record EngineRecord(
      String name,
      String backend,
      String device,
      String precision,
      int threads,
      Map<String, String> details) {}
}
