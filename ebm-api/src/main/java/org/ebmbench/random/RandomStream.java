package org.ebmbench.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A seeded stream of random numbers. Every random choice in the suite draws from a stream that
 * was derived from an explicit seed and a purpose ("data", "sampler", "minibatch", ...), so a
 * cell's numbers depend only on its seed, never on the order cells run in or on thread counts.
 *
 * <p>The generator is XoShiRo256++ (Commons RNG): fast, 256 bits of state, well tested.
 */
public final class RandomStream {
  private static final RandomSource SOURCE = RandomSource.XO_SHI_RO_256_PP;

  private final long seed;
  private final UniformRandomProvider provider;
  private final ZigguratSampler.NormalizedGaussian gaussian;

  private RandomStream(long seed) {
    this.seed = seed;
    this.provider = SOURCE.create(expand(seed));
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(provider);
  }

  /** A stream seeded from {@code seed} alone. */
  public static RandomStream of(long seed) {
    return new RandomStream(seed);
  }

  /**
   * A stream for one purpose within a seeded experiment: independent of the streams for other
   * purposes with the same seed, and of the same purpose with other seeds.
   */
  public static RandomStream derive(long seed, String purpose) {
    long h = seed;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = new SplitMix64(h ^ (b & 0xff)).nextLong();
    }
    return of(h);
  }

  /**
   * A stream for a sub-purpose of this one (for example chain i). Derived from this stream's
   * seed, not its position: deriving does not move this stream, and the order of calls does not
   * matter.
   */
  public RandomStream derive(String purpose) {
    return derive(seed, purpose);
  }

  private static long[] expand(long seed) {
    SplitMix64 mix = new SplitMix64(seed);
    return new long[] {mix.nextLong(), mix.nextLong(), mix.nextLong(), mix.nextLong()};
  }

  /** A uniform double in [0, 1). */
  public double nextDouble() {
    return provider.nextDouble();
  }

  /**
   * The next {@link #nextDouble()} rounded down to a multiple of 2^-24, as a float (exact: every
   * such multiple below 1 is a float), so still in [0, 1), taking the same draw from the stream.
   * That double is the generator's next 64 bits shifted right by 11, times 2^-53; rounded down to
   * a multiple of 2^-24 it keeps the top 24 bits, which is how this computes it: without double
   * arithmetic and a floor, which cost about as much as the generator itself.
   */
  public float nextFloat() {
    return (provider.nextLong() >>> 40) * 0x1p-24f;
  }

  /** A standard normal draw. */
  public double nextGaussian() {
    return gaussian.sample();
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    return provider.nextInt(bound);
  }

  /** The underlying provider, for Commons RNG samplers. */
  public UniformRandomProvider provider() {
    return provider;
  }
}
