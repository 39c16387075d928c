package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.random.RandomStream;

/** A model that can draw independent samples from P exactly (no Markov chain). */
public interface ExactSampling extends EnergyModel {
  /** {@code count} independent draws as the rows of a new count x dimension matrix. */
  Mat sampleExactly(int count, RandomStream stream);
}
