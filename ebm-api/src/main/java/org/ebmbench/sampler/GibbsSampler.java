package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.GibbsUpdatable;
import org.ebmbench.random.RandomStream;

/**
 * Gibbs sampling: one step is one full sweep of the model's own conditional updates ({@link
 * GibbsUpdatable#gibbsSweep}), since only the model knows its conditional structure.
 */
public final class GibbsSampler implements Sampler {
  @Override
  public String describe() {
    return "gibbs";
  }

  @Override
  public void step(EnergyModel model, Mat states, RandomStream stream) {
    GibbsUpdatable gibbs = Capabilities.require(model, GibbsUpdatable.class, "the gibbs sampler");
    Capabilities.requireRowsOf(model, states, describe() + ": chain states");
    gibbs.gibbsSweep(states, stream);
  }
}
