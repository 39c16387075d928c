package org.ebmbench.experiments.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.ResultsFile;

/**
 * Splits a grid into {@code count} shares for {@code ebm run --shard INDEX/COUNT} (1-based, like
 * Slurm's {@code --array=1-N}). The cells are sorted by key and dealt out in turn, so a share
 * depends on the grid's content only, never on the suite's order, and shares differ in size by
 * at most one cell.
 */
public final class Sharding {
  /** The most shares a grid may be split into. */
  public static final int MAX_COUNT = 10_000;

  private Sharding() {}

  /**
   * Parses {@code INDEX/COUNT}.
   *
   * @throws InputException naming the value and the rule it breaks
   */
  public static Share parse(String text) {
    String rule = " (INDEX/COUNT, 1-based: 1/4 .. 4/4)";
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,9}")) {
      throw new InputException("--shard: expected INDEX/COUNT, got '" + text + "'" + rule);
    }
    int index = Integer.parseInt(parts[0]);
    int count = Integer.parseInt(parts[1]);
    if (count < 1 || count > MAX_COUNT) {
      throw new InputException(
          "--shard " + text + ": COUNT must be between 1 and " + MAX_COUNT + ", got " + count);
    }
    if (index < 1 || index > count) {
      throw new InputException(
          "--shard " + text + ": INDEX must be between 1 and " + count + ", got " + index + rule);
    }
    return new Share(index, count);
  }

  /**
   * Which share to run.
   *
   * @param index 1 to count
   * @param count how many shares the grid is split into
   */
  public record Share(int index, int count) {}

  /** The plan's share, with the shard to record in results. */
  public static Sharded select(Plan plan, Share share) {
    int index = share.index();
    int count = share.count();
    List<String> sorted = plan.cells().stream().map(Cell::key).sorted().toList();
    Map<String, Integer> rank = new HashMap<>();
    for (int r = 0; r < sorted.size(); r++) {
      rank.put(sorted.get(r), r);
    }
    List<Cell> mine = new ArrayList<>();
    for (Cell cell : plan.cells()) {
      if (rank.get(cell.key()) % count == index - 1) {
        mine.add(cell);
      }
    }
    List<String> gridKeys = plan.cells().stream().map(Cell::key).toList();
    Plan part = new Plan(
        plan.suite(), plan.engines(), List.copyOf(mine), plan.experiments(), plan.skipped(), plan.seeds(),
        plan.notes());
    return new Sharded(part, new ResultsFile.Shard(index, count, gridKeys));
  }

  /**
   * @param plan the cells of this share, in suite order
   * @param shard what results.json records about it
   */
  public record Sharded(Plan plan, ResultsFile.Shard shard) {}
}
