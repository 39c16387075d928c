package org.ebmbench.model;

/**
 * A model that can give another view of itself for concurrent work on the same parameters: the
 * view reads this model's live parameter vector but keeps buffers of its own, so the two may
 * compute on different rows at the same time ({@link org.ebmbench.estimator.BatchParts}).
 */
public interface ParameterSharing extends EnergyModel {
  /** A model on this one's live parameters, with buffers of its own. */
  EnergyModel sharingParameters();
}
