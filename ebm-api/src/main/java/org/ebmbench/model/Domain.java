package org.ebmbench.model;

/** The set the variables x of a model live in. */
public enum Domain {
  /** Each variable is -1 or +1. */
  SPINS,
  /** Each variable is 0 or 1. */
  BINARY,
  /** Each variable is a real number. */
  CONTINUOUS
}
