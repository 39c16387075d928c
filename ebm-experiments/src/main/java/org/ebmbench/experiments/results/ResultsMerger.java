package org.ebmbench.experiments.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ebmbench.experiments.InputException;

/**
 * Joins the results of shards ({@code ebm run --shard I/N}) into one run. Refuses, with one line,
 * files of different schema versions, suites (by SHA-256) or grids, files that are not shards,
 * shards written by different versions of the code (unless allowed), and a cell present twice
 * with different results (timings aside: they never repeat exactly).
 */
public final class ResultsMerger {
  private ResultsMerger() {}

  /**
   * @param results the merged run: the lowest shard's run id, suite and provenance, every cell
   *     given, in suite order, and no shard
   * @param missing keys of grid cells that no shard holds
   * @param shardsGiven the shard indexes given, sorted
   * @param count how many shards the grid was split into
   * @param warnings one line each, for the user: code versions that could not be compared, or
   *     that differ and were merged anyway
   */
  public record Merged(
      ResultsFile results,
      List<String> missing,
      List<Integer> shardsGiven,
      int count,
      List<String> warnings) {}

  /**
   * Merges the results files at {@code files}.
   *
   * @param allowCodeChange merge shards written by different code versions ({@code
   *     --allow-code-change}); the merged provenance then lists the other versions in {@code
   *     earlierCode}, as a resume across a code change does
   */
  public static Merged merge(List<Path> files, boolean allowCodeChange) {
    if (files.isEmpty()) {
      throw new InputException("nothing to merge: give the shards' folders or results files");
    }
    int version = ResultsJson.schemaVersion(files.get(0));
    for (Path f : files.subList(1, files.size())) {
      int v = ResultsJson.schemaVersion(f);
      if (v != version) {
        throw new InputException("cannot merge mixed schema versions: " + files.get(0)
            + " has schemaVersion " + version + ", " + f + " has " + v);
      }
    }
    List<Input> inputs = new ArrayList<>();
    for (Path f : files) {
      ResultsFile r = ResultsJson.read(f);
      if (r.shard() == null) {
        throw new InputException(
            f + " is not a shard (it has no 'shard'; shards come from 'ebm run --shard I/N')");
      }
      inputs.add(new Input(f, r));
    }
    inputs.sort(Comparator.comparingInt(i -> i.results.shard().index()));
    Input first = inputs.get(0);
    List<String> warnings = new ArrayList<>();
    boolean unchecked = false;
    for (Input other : inputs.subList(1, inputs.size())) {
      checkSameRun(first, other);
      Provenance.Git x = first.results.provenance().git();
      Provenance.Git y = other.results.provenance().git();
      if (x.unknown() && y.unknown()) {
        unchecked = true;
      } else if (!x.sameCodeAs(y)) {
        warnings.add(codeChange(first, other, allowCodeChange));
      }
    }
    if (unchecked) {
      warnings.add(0, "merging " + inputs.size() + " shards without checking that one code"
          + " version wrote them (no git checkout to tell the version)");
    }

    Map<String, Input> holder = new LinkedHashMap<>();
    Map<String, CellResult> cells = new LinkedHashMap<>();
    List<String> grid = first.results.shard().gridKeys();
    Set<String> inGrid = new HashSet<>(grid);
    for (Input in : inputs) {
      for (CellResult c : in.results.cells()) {
        if (!inGrid.contains(c.key())) {
          throw new InputException(in.file + ": cell " + c.key() + " is not in the shard's grid");
        }
        CellResult earlier = cells.putIfAbsent(c.key(), c);
        if (earlier != null && !earlier.withoutTimings().equals(c.withoutTimings())) {
          throw new InputException("cannot merge: cell " + c.key() + " differs between "
              + holder.get(c.key()).file + " and " + in.file + " (beyond timings)");
        }
        holder.putIfAbsent(c.key(), in);
      }
    }
    List<CellResult> ordered = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String key : grid) {
      CellResult c = cells.get(key);
      if (c == null) {
        missing.add(key);
      } else {
        ordered.add(c);
      }
    }
    ResultsFile r = first.results;
    ResultsFile merged = new ResultsFile(
        r.schemaVersion(), r.runId(), r.suite(), otherCode(inputs), ordered, null);
    List<Integer> given = new ArrayList<>(new TreeSet<>(
        inputs.stream().map(i -> i.results.shard().index()).toList()));
    return new Merged(merged, missing, given, r.shard().count(), List.copyOf(warnings));
  }

  /**
   * The warning for shards {@code a} and {@code b} written by different code versions, when
   * {@code allowCodeChange}; otherwise refuses them.
   */
  private static String codeChange(Input a, Input b, boolean allowCodeChange) {
    String difference = a.file + " was written by the code at "
        + a.results.provenance().git().describe() + ", " + b.file + " by "
        + b.results.provenance().git().describe();
    if (!allowCodeChange) {
      throw new InputException("cannot merge shards of different code: " + difference
          + "; merging would mix numbers of two code versions in one run. Rerun the shards on one"
          + " version, or use --allow-code-change to merge them anyway");
    }
    return "merging across a code change (--allow-code-change): " + difference
        + "; the other version is recorded in provenance.earlierCode";
  }

  /**
   * The lowest shard's provenance, with every other code version that wrote some of the merged
   * cells in {@code earlierCode}: the shards' own earlier versions (from resumes across a code
   * change) and the versions of shards that differ from the lowest one, in shard order.
   */
  private static Provenance otherCode(List<Input> inputs) {
    Provenance base = inputs.get(0).results.provenance();
    List<Provenance.Git> others = new ArrayList<>();
    for (Input in : inputs) {
      Provenance p = in.results.provenance();
      List<Provenance.Git> versions = new ArrayList<>();
      if (p.earlierCode() != null) {
        versions.addAll(p.earlierCode());
      }
      versions.add(p.git());
      for (Provenance.Git v : versions) {
        if (!v.equals(base.git()) && !others.contains(v)) {
          others.add(v);
        }
      }
    }
    return base.withEarlierCode(others);
  }

  private static void checkSameRun(Input a, Input b) {
    ResultsFile x = a.results;
    ResultsFile y = b.results;
    if (!x.suite().sha256().equals(y.suite().sha256())) {
      throw new InputException("cannot merge different suites: " + a.file + " ran suite '"
          + x.suite().name() + "' (sha256 " + x.suite().sha256().substring(0, 12) + "...), "
          + b.file + " ran '" + y.suite().name() + "' (sha256 "
          + y.suite().sha256().substring(0, 12) + "...)");
    }
    if (x.shard().count() != y.shard().count() || !x.shard().gridKeys().equals(y.shard().gridKeys())) {
      throw new InputException("cannot merge different grids: " + a.file + " (shard "
          + x.shard() + ") and " + b.file + " (shard " + y.shard() + ") split other cells"
          + " (other --shard N, --seed, --family or --engine)");
    }
  }

  private record Input(Path file, ResultsFile results) {}
}
