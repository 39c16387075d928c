package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.random.RandomStream;

/**
 * A discrete model that knows its own conditional structure: single-site updates for a
 * fully-connected spin model, block updates for an RBM. The Gibbs sampler delegates to it.
 */
public interface GibbsUpdatable extends EnergyModel {
  /** One full sweep of Gibbs updates on every chain (row) of {@code states}, in place. */
  void gibbsSweep(Mat states, RandomStream stream);
}
