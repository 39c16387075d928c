package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.StubFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardingTest {
  private static final String EXPERIMENTS =
      """
        - family: toy
          model: {type: stub, n: 4}
          data: {train: 100, test: 50}
          estimators: [exact-mle, cd-1, pcd-2]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
        - family: toy
          model: {type: stub, n: 5}
          data: {train: 100, test: 50}
          estimators: [cd-3, exact-mle]
          optimizer: {type: adam, lr: 0.01}
          steps: 10
          batchSize: 20
      """;

  @TempDir Path dir;

  private final Families families = new Families(List.of(new StubFamily()));

  private Plan plan(String seeds, String experiments) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), "name: t\nseeds: " + seeds + "\nexperiments:\n" + experiments);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families).plan(loaded, Engines.byName("cpu"), List.of());
  }

  private static List<String> keys(Plan plan) {
    return plan.cells().stream().map(Cell::key).toList();
  }

  @Test
  void sharesPartitionTheGridEvenlyAndKeepSuiteOrder() throws IOException {
    Plan plan = plan("[1, 2, 3]", EXPERIMENTS); // 15 cells
    List<String> all = keys(plan);
    Set<String> union = new HashSet<>();
    for (int i = 1; i <= 4; i++) {
      Sharding.Sharded share = Sharding.select(plan, new Sharding.Share(i, 4));
      List<String> mine = keys(share.plan());
      assertThat(mine).hasSizeBetween(3, 4);
      assertThat(union).doesNotContainAnyElementsOf(mine);
      union.addAll(mine);
      // A share keeps the suite's order, and records the whole grid in it.
      assertThat(all.stream().filter(mine::contains).toList()).isEqualTo(mine);
      assertThat(share.shard().gridKeys()).isEqualTo(all);
      assertThat(share.shard()).hasToString(i + "/4");
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void aShareDependsOnTheCellsNotOnTheSuitesOrder() throws IOException {
    Plan plan = plan("[1, 2, 3]", EXPERIMENTS);
    String[] parts = EXPERIMENTS.split("(?m)^  - ");
    String reordered = "  - " + parts[2] + "  - " + parts[1].replace("[exact-mle, cd-1, pcd-2]", "[pcd-2, exact-mle, cd-1]");
    Plan other = plan("[3, 1, 2]", reordered);
    assertThat(keys(other)).containsExactlyInAnyOrderElementsOf(keys(plan)).isNotEqualTo(keys(plan));
    for (int i = 1; i <= 3; i++) {
      List<String> a = new ArrayList<>(keys(Sharding.select(plan, new Sharding.Share(i, 3)).plan()));
      List<String> b = keys(Sharding.select(other, new Sharding.Share(i, 3)).plan());
      assertThat(b).containsExactlyInAnyOrderElementsOf(a);
    }
  }

  @Test
  void oneShareOfOneIsTheWholeGrid() throws IOException {
    Plan plan = plan("[1]", EXPERIMENTS);
    assertThat(keys(Sharding.select(plan, new Sharding.Share(1, 1)).plan())).isEqualTo(keys(plan));
  }

  @Test
  void parsesOneBasedIndexOfCountWithClearErrors() {
    assertThat(Sharding.parse("2/4")).isEqualTo(new Sharding.Share(2, 4));
    assertThatThrownBy(() -> Sharding.parse("0/4")).isInstanceOf(InputException.class)
        .hasMessage("--shard 0/4: INDEX must be between 1 and 4, got 0 (INDEX/COUNT, 1-based: 1/4 .. 4/4)");
    assertThatThrownBy(() -> Sharding.parse("5/4"))
        .hasMessage("--shard 5/4: INDEX must be between 1 and 4, got 5 (INDEX/COUNT, 1-based: 1/4 .. 4/4)");
    assertThatThrownBy(() -> Sharding.parse("1/0"))
        .hasMessage("--shard 1/0: COUNT must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> Sharding.parse("2of4"))
        .hasMessage("--shard: expected INDEX/COUNT, got '2of4' (INDEX/COUNT, 1-based: 1/4 .. 4/4)");
    assertThatThrownBy(() -> Sharding.parse("-1/4"))
        .hasMessage("--shard: expected INDEX/COUNT, got '-1/4' (INDEX/COUNT, 1-based: 1/4 .. 4/4)");
  }
}
