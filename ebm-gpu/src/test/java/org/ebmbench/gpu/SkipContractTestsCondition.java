package org.ebmbench.gpu;

import java.util.Arrays;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Disables the tests a {@link SkipContractTests} annotation names. */
final class SkipContractTestsCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    SkipContractTests skip =
        context
            .getTestClass()
            .flatMap(c -> AnnotationSupport.findAnnotation(c, SkipContractTests.class))
            .orElse(null);
    String method = context.getTestMethod().map(m -> m.getName()).orElse(null);
    if (skip != null && method != null && Arrays.asList(skip.value()).contains(method)) {
      return ConditionEvaluationResult.disabled(method + ": " + skip.reason());
    }
    return ConditionEvaluationResult.enabled("not skipped");
  }
}
