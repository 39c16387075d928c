package org.ebmbench.model;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Remembers one value computed from a model's parameter values, so quantities that training asks
 * for repeatedly at the same parameters (log Z, expected statistics, a sampler's tables) are
 * computed once. The key is a host copy of Theta compared element by element, so any write to the
 * live parameters invalidates the value. Not thread-safe, like the models that use it.
 */
final class ParameterKeyedCache<V> {
  private double[] key;
  private V value;

  /** The value for {@code theta}: the remembered one if {@code theta} is unchanged, else new. */
  V get(double[] theta, Function<double[], V> compute) {
    if (key == null || !Arrays.equals(key, theta)) {
      V fresh = compute.apply(theta.clone());
      key = theta.clone();
      value = fresh;
    }
    return value;
  }
}
