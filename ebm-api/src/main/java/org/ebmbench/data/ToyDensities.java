package org.ebmbench.data;

import java.util.List;

/**
 * The standard 2-D toy densities by name: 8gaussians, rings, moons, checkerboard, swissroll,
 * pinwheel. Each follows the definition in FFJORD's toy_data.py (Grathwohl et al., "FFJORD", ICLR
 * 2019, github.com/rtqichen/ffjord, lib/toy_data.py), the common reference of the EBM and flow
 * literature; each class's javadoc states it exactly. Where FFJORD places a batch's points at
 * evenly spaced angles, ours draw the angle uniformly: the law the batches approximate.
 */
public final class ToyDensities {
  /** Every name {@link #byName} accepts, in a fixed order. */
  public static final List<String> NAMES =
      List.of("8gaussians", Rings.NAME, TwoMoons.NAME, Checkerboard.NAME, SwissRoll.NAME, Pinwheel.NAME);

  private ToyDensities() {}

  /**
   * The density called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown name and the known ones
   */
  public static Density byName(String name) {
    return switch (name) {
      case "8gaussians" -> GaussianMixture.eightGaussians();
      case Rings.NAME -> new Rings();
      case TwoMoons.NAME -> new TwoMoons();
      case Checkerboard.NAME -> new Checkerboard();
      case SwissRoll.NAME -> new SwissRoll();
      case Pinwheel.NAME -> new Pinwheel();
      default -> throw new IllegalArgumentException(
          "unknown 2-D density '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
