package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One estimator of an experiment: either just its name ({@code cd-10}) or an object that also
 * overrides the experiment's sampler or optimizer: {@code {name: pcd-1, sampler: {type: mala,
 * stepSize: 0.02}}}. Persistent CD keeps as many chains as the batch size.
 *
 * <p>Names: {@code exact-mle}, {@code cd-K} and {@code pcd-K} (K sampler steps per update, 1 to
 * 1000), {@code score-matching}; for neural energies also {@code grid-mle} (MLE with Z on the 2-D
 * quadrature grid), {@code replay-cd-K} (short-run CD with a replay buffer), {@code sliced-sm-M}
 * and {@code sliced-sm-vr-M} (M Rademacher projections per example, 1 to 64; a {@code -gaussian}
 * suffix draws Gaussian ones) and {@code denoising-sm-SIGMA} (noise sigma, for example {@code
 * denoising-sm-0.1}). Parameters are part of the name, so the cell key and the report tell cells
 * apart by name alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstimatorSpec(
    String name, SamplerSpec sampler, OptimizerSpec optimizer) {

  /** The estimator names a suite may use, for error messages. */
  public static final String ALLOWED =
      "exact-mle, cd-K, pcd-K, score-matching (K = 1..1000); neural only: grid-mle, replay-cd-K,"
          + " sliced-sm-M, sliced-sm-vr-M (M = 1..64, optional suffix -gaussian),"
          + " denoising-sm-SIGMA (SIGMA > 0, for example denoising-sm-0.1)";

  private static final Pattern CHAIN_BASED = Pattern.compile("(p?cd|replay-cd)-([0-9]{1,4})");
  private static final Pattern SLICED = Pattern.compile("sliced-sm(-vr)?-([0-9]{1,2})(-gaussian)?");
  private static final Pattern DENOISING =
      Pattern.compile("denoising-sm-([0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?)");

  /** The short form: just a name. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EstimatorSpec named(String name) {
    return new EstimatorSpec(name, null, null);
  }

  /** The kinds of estimator. */
  public enum Kind {
    EXACT_MLE,
    CD,
    PCD,
    SCORE_MATCHING,
    GRID_MLE,
    REPLAY_CD,
    SLICED_SM,
    DENOISING_SM;

    /**
     * Whether only the neural family runs it: it needs a quadrature grid, a noise box or
     * directional derivatives of the energy, which the other families' models lack.
     */
    public boolean neuralOnly() {
      return ordinal() >= GRID_MLE.ordinal();
    }
  }

  /**
   * The parsed name.
   *
   * @param kind the estimator
   * @param k sampler steps for CD, PCD and replay CD; projections per example for sliced SM; else 0
   * @param sigma the noise of denoising SM, else 0
   * @param varianceReduced sliced SM in its variance-reduced form (SSM-VR)
   * @param gaussianProjections sliced SM with Gaussian rather than Rademacher projections
   */
  public record Parsed(
      Kind kind, int k, double sigma, boolean varianceReduced, boolean gaussianProjections) {
    /** A kind with its k and no other parameter. */
    public Parsed(Kind kind, int k) {
      this(kind, k, 0.0, false, false);
    }

    /** Whether the estimator runs Markov chains and so needs a sampler. */
    public boolean usesSampler() {
      return kind == Kind.CD || kind == Kind.PCD || kind == Kind.REPLAY_CD;
    }
  }

  /**
   * Parses and checks the name and the overrides.
   *
   * @throws InvalidSpecException for an unknown name or a bad override
   */
  public Parsed validate(FieldPath path) {
    Check.required(path.field("name"), name);
    Parsed parsed = parse(path);
    if (sampler != null) {
      if (!parsed.usesSampler()) {
        throw new InvalidSpecException(
            path.field("sampler"), "'" + name + "' runs no sampler; remove the sampler");
      }
      sampler.validate(path.field("sampler"));
    }
    if (optimizer != null) {
      optimizer.validate(path.field("optimizer"));
    }
    return parsed;
  }

  private Parsed parse(FieldPath path) {
    switch (name) {
      case "exact-mle":
        return new Parsed(Kind.EXACT_MLE, 0);
      case "score-matching":
        return new Parsed(Kind.SCORE_MATCHING, 0);
      case "grid-mle":
        return new Parsed(Kind.GRID_MLE, 0);
      default:
        Matcher m = CHAIN_BASED.matcher(name);
        if (m.matches()) {
          int k = Integer.parseInt(m.group(2));
          if (k >= 1 && k <= 1000) {
            Kind kind =
                switch (m.group(1)) {
                  case "cd" -> Kind.CD;
                  case "pcd" -> Kind.PCD;
                  default -> Kind.REPLAY_CD;
                };
            return new Parsed(kind, k);
          }
        }
        Matcher sliced = SLICED.matcher(name);
        if (sliced.matches()) {
          int projections = Integer.parseInt(sliced.group(2));
          if (projections >= 1 && projections <= 64) {
            return new Parsed(
                Kind.SLICED_SM, projections, 0.0, sliced.group(1) != null, sliced.group(3) != null);
          }
        }
        Matcher denoising = DENOISING.matcher(name);
        if (denoising.matches()) {
          double sigma = Double.parseDouble(denoising.group(1));
          if (sigma > 0 && Double.isFinite(sigma)) {
            return new Parsed(Kind.DENOISING_SM, 0, sigma, false, false);
          }
        }
        throw new InvalidSpecException(
            path, "unknown estimator '" + name + "' (allowed: " + ALLOWED + ")");
    }
  }
}
