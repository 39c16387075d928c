package org.ebmbench.engine;

/** Floating-point precision of an engine's arrays and arithmetic. */
public enum Precision {
  /** 64-bit IEEE 754: the reference precision. */
  DOUBLE,
  /** 32-bit IEEE 754: the usual GPU precision. */
  FLOAT
}
