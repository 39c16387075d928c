package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * A Markov chain Monte Carlo kernel that leaves P(x) = exp(f(x)) / Z invariant (or, for the
 * unadjusted Langevin sampler, approximately so). Runs many chains at once: each row of the
 * state matrix is one chain.
 */
public interface Sampler {
  /** A short, stable name, for example "gibbs" or "mala(eps=0.01)". */
  String describe();

  /** Advances every chain one step, in place. */
  void step(EnergyModel model, Mat states, RandomStream stream);

  /** Advances every chain {@code steps} steps, in place. */
  default void run(EnergyModel model, Mat states, int steps, RandomStream stream) {
    for (int i = 0; i < steps; i++) {
      step(model, states, stream);
    }
  }
}
