package org.ebmbench.experiments.results;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebmbench.experiments.suite.Tolerance;

/**
 * The content of results.json (schema documented in docs/RESULTS.md and
 * docs/results.schema.json).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; bumped on any incompatible change
 * @param runId the run's id, for example 20261129T071500Z-smoke
 * @param suite which suite ran
 * @param provenance where, how and from what code the numbers came
 * @param cells one result per grid cell that has finished, in grid order
 * @param shard which share of the grid this run holds; null for a whole run (and a merged one)
 */
public record ResultsFile(
    int schemaVersion,
    String runId,
    SuiteInfo suite,
    Provenance provenance,
    List<CellResult> cells,
    Shard shard) {

  /**
   * The schema version this code writes. Version 2 added each cell's {@code timing}; version 1
   * files are still read (their cells have no timing).
   */
  public static final int SCHEMA_VERSION = 2;

  /** The schema versions this code reads. */
  public static final List<Integer> READABLE_VERSIONS = List.of(1, 2);

  public ResultsFile {
    cells = List.copyOf(cells);
  }

  /** This file with a different list of cells. */
  public ResultsFile withCells(List<CellResult> newCells) {
    return new ResultsFile(schemaVersion, runId, suite, provenance, newCells, shard);
  }

  /** This file with a different provenance. */
  public ResultsFile withProvenance(Provenance newProvenance) {
    return new ResultsFile(schemaVersion, runId, suite, newProvenance, cells, shard);
  }

  /**
   * One share of a grid, run by {@code ebm run --shard INDEX/COUNT}.
   *
   * @param index which share, 1 to count
   * @param count how many shares the grid was split into
   * @param gridKeys the keys of every cell of the whole grid, in suite order, so that merging
   *     can check that shards come from the same grid, restore the order and name missing cells
   */
  public record Shard(int index, int count, List<String> gridKeys) {
    public Shard {
      gridKeys = List.copyOf(gridKeys);
    }

    /** As users write it: {@code 2/4}. */
    @Override
    public String toString() {
      return index + "/" + count;
    }
  }

  /**
   * @param name the suite's name
   * @param source the built-in name or the file path as given on the command line
   * @param sha256 the SHA-256 of the suite file's bytes
   * @param tolerances the suite's overrides of the regression check's tolerances, by metric
   *     (empty when none, and when read from a file written before the field existed)
   */
  public record SuiteInfo(
      String name, String source, String sha256, Map<String, Tolerance> tolerances) {
    public SuiteInfo {
      tolerances = tolerances == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tolerances));
    }
  }
}
