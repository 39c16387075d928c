package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What model an experiment learns, written in a suite as {@code model: {type: ising, n: 12, ...}}.
 * Each family contributes its own record types (annotated with {@code @JsonTypeName}) through
 * {@link org.ebmbench.experiments.run.Family#modelTypes()}, so the suite format grows with the
 * families without this package knowing them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ModelSpec {
  /**
   * Checks every parameter's range without building anything expensive.
   *
   * @throws InvalidSpecException naming the field under {@code path} and the value
   */
  void validate(FieldPath path);
}
