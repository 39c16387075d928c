package org.ebmbench.engine;

/**
 * The closed set of element-wise functions an engine must provide. A closed set (rather than
 * arbitrary lambdas) lets a GPU engine map each one onto a native kernel.
 */
public enum UnaryFunction {
  EXP,
  LOG,
  /** 1 / (1 + e^-x), computed without overflow for large |x|. */
  SIGMOID,
  /** log(1 + e^x), computed without overflow for large |x|. */
  SOFTPLUS,
  TANH,
  SQUARE,
  SQRT,
  ABS,
  /** 1 / x. */
  RECIPROCAL
}
