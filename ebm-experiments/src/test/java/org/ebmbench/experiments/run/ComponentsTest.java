package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.OptimizerSpec.ScheduleSpec;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  private final Ops ops = Engines.byName("cpu").ops();

  @Test
  void optimizersCarryTheirScheduleAndWeightDecay() {
    assertThat(Components.optimizer(new OptimizerSpec.Sgd(0.1, 0.5), ops, 100).describe())
        .isEqualTo("sgd(lr=0.1,momentum=0.5)");
    OptimizerSpec sgd = new OptimizerSpec.Sgd(0.1, 0.5, 0.001, new ScheduleSpec.Linear(0.0));
    assertThat(Components.optimizer(sgd, ops, 100).describe())
        .isEqualTo("sgd(lr=0.1,momentum=0.5,schedule=linear(final=0.0,steps=100))"
            + "+weightDecay(0.001)");
    OptimizerSpec adam =
        new OptimizerSpec.Adam(0.01, null, null, null, null, new ScheduleSpec.Inverse(50.0));
    assertThat(Components.optimizer(adam, ops, 100).describe())
        .isEqualTo("adam(lr=0.01,beta1=0.9,beta2=0.999,eps=1.0E-8,schedule=inverse(halfLife=50.0))");
  }

  @Test
  void defaultsAreStoredAsAbsent() {
    assertThat(new OptimizerSpec.Sgd(0.1, null, 0.0, new ScheduleSpec.Constant()))
        .isEqualTo(new OptimizerSpec.Sgd(0.1, 0.0));
  }
}
