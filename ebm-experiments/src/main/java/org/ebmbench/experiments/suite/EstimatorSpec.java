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
 * 1000), {@code score-matching}, {@code pseudo-likelihood} (crf family).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstimatorSpec(
    String name, SamplerSpec sampler, OptimizerSpec optimizer) {

  /** The estimator names a suite may use, for error messages. */
  public static final String ALLOWED =
      "exact-mle, cd-K, pcd-K, score-matching, pseudo-likelihood (K = 1..1000)";

  private static final Pattern CHAIN_BASED = Pattern.compile("(p?cd)-([0-9]{1,4})");

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
    PSEUDO_LIKELIHOOD
  }

  /** The parsed name: a kind and, for CD and PCD, the number of sampler steps k. */
  public record Parsed(Kind kind, int k) {
    /** Whether the estimator runs Markov chains and so needs a sampler. */
    public boolean usesSampler() {
      return kind == Kind.CD || kind == Kind.PCD;
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
      case "pseudo-likelihood":
        return new Parsed(Kind.PSEUDO_LIKELIHOOD, 0);
      default:
        Matcher m = CHAIN_BASED.matcher(name);
        if (m.matches()) {
          int k = Integer.parseInt(m.group(2));
          if (k >= 1 && k <= 1000) {
            return new Parsed(m.group(1).equals("cd") ? Kind.CD : Kind.PCD, k);
          }
        }
        throw new InvalidSpecException(
            path, "unknown estimator '" + name + "' (allowed: " + ALLOWED + ")");
    }
  }
}
