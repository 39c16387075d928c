package org.ebmbench.experiments.testing;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.CellRecorder;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.PreparedExperiment;
import org.ebmbench.experiments.run.TimeLimit;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.experiments.suite.SamplerSpec;

/**
 * A family without numerics, for testing the framework: its curves are made up (KL = 1 / (1 +
 * step)), and a model with {@code nanAtStep} produces a NaN there. A model with {@code
 * stepMillis} sleeps that long per step, checking its {@link TimeLimit} after each like a real
 * training loop; one with {@code varies: true} adds a different tiny amount to its KL on every
 * run, like a cell that is not determined by its seed. It records which cells ran.
 */
public final class StubFamily implements Family {
  /** A stub model: n in 1..24; optional nanAtStep, stepMillis, varies. */
  @JsonTypeName("stub")
  public record StubSpec(Integer n, Integer nanAtStep, Integer stepMillis, Boolean varies)
      implements ModelSpec {
    public StubSpec(Integer n, Integer nanAtStep) {
      this(n, nanAtStep, null, null);
    }

    @Override
    public void validate(FieldPath path) {
      Check.between(path.field("n"), n, 1, 24);
    }
  }

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  @Override
  public String name() {
    return "toy";
  }

  @Override
  public List<Class<? extends ModelSpec>> modelTypes() {
    return List.of(StubSpec.class);
  }

  /** Labels of the cells run so far (warm-up runs included), in order. */
  public List<String> ran() {
    return ran;
  }

  @Override
  public PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context) {
    StubSpec model = (StubSpec) experiment.model();
    return new PreparedExperiment() {
      @Override
      public DataSpec data() {
        return experiment.data();
      }

      @Override
      public SamplerSpec defaultSampler() {
        return new SamplerSpec.Gibbs();
      }

      @Override
      public void checkEstimator(
          EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath at) {
        if (estimator.kind() == EstimatorSpec.Kind.SCORE_MATCHING) {
          throw new InvalidSpecException(at, "score-matching needs a continuous model");
        }
      }

      @Override
      public void run(Cell cell, CellRecorder recorder) {
        ran.add(cell.label());
        double jitter = Boolean.TRUE.equals(model.varies()) ? ran.size() * 1e-12 : 0;
        for (int step = 0; step <= cell.steps(); step += cell.evaluateEvery()) {
          if (model.stepMillis() != null && step > 0) {
            for (int s = step - cell.evaluateEvery() + 1; s <= step; s++) {
              sleep(model.stepMillis());
              TimeLimit.check(s);
            }
          }
          double kl =
              model.nanAtStep() != null && step >= model.nanAtStep()
                  ? Double.NaN
                  : 1.0 / (1 + step) + jitter;
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put("klTrueToModel", kl);
          metrics.put("heldOutLogLikelihood", -model.n() * 0.5 - kl);
          recorder.curvePoint(new CurvePoint(step, step * 1e-3, metrics));
        }
      }
    };
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
