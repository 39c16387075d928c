package org.ebmbench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.Test;

class CostByDimensionTest {
  private static CellResult cell(String density, String estimator, long seed, double secondsPerStep) {
    ObjectNode model = JsonNodeFactory.instance.objectNode().put("type", "mlp");
    ObjectNode data =
        JsonNodeFactory.instance.objectNode().put("density", density).put("train", 10).put("test", 5);
    return new CellResult(
        density + estimator + seed, "neural", model, data, estimator, null,
        JsonNodeFactory.instance.objectNode().put("type", "adam"), "cpu", seed, Map.of(),
        CellResult.OK, null, Map.of("secondsPerStep", secondsPerStep), List.of(), List.of());
  }

  @Test
  void oneLinePerEstimatorWithTheSeedMeanAtEachDimension() {
    List<CellResult> cells =
        List.of(
            cell("mixture32", "score-matching", 1, 0.3),
            cell("mixture32", "score-matching", 2, 0.5),
            cell("mixture2", "score-matching", 1, 0.1),
            cell("mixture32", "sliced-sm-vr-1", 1, 0.05),
            cell("8gaussians", "score-matching", 1, 9.0));
    List<Series> series = CostByDimension.series(cells);
    assertThat(series).extracting(Series::label).containsExactly("score-matching", "sliced-sm-vr-1");
    assertThat(series.get(0).x()).containsExactly(2.0, 32.0);
    assertThat(series.get(0).y()).containsExactly(0.1, 0.4);
    assertThat(series.get(1).x()).containsExactly(32.0);
  }

  @Test
  void theReportShowsTheChartOnlyWhenThereAreMixtureCells() {
    ResultsFile sample = SampleResults.create();
    assertThat(ReportWriter.render(sample)).doesNotContain("Cost versus dimension");
    List<CellResult> cells = new ArrayList<>(sample.cells());
    cells.add(cell("mixture8", "score-matching", 1, 0.2));
    cells.add(cell("mixture128", "score-matching", 1, 1.2));
    assertThat(ReportWriter.render(sample.withCells(cells)))
        .contains("Cost versus dimension (mixtureD data)", "seconds per step vs dimension d");
  }
}
