package org.ebmbench.sampler;

/** A sampler with an accept/reject step, which reports how often it accepts. */
public interface ReportsAcceptance {
  /** The fraction of chains that accepted their proposal in the last step; NaN before any. */
  double lastAcceptanceRate();
}
