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
    @JsonInclude(JsonInclude.Include.NON_NULL) List<EngineRecord> engines) {

  /**
   * @param commit the full commit hash, or "unknown" outside a git checkout
   * @param dirty whether tracked files differ from the commit; null when unknown
   */
  public record Git(String commit, Boolean dirty) {}

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
