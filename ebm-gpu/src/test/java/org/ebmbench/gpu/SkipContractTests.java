package org.ebmbench.gpu;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips the named tests of an inherited contract, with the reason in the test report: for a
 * contract test that cannot hold in a precision by its nature (a value beyond float's range), not
 * for one that fails.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SkipContractTestsCondition.class)
@interface SkipContractTests {
  /** The names of the contract's test methods to skip. */
  String[] value();

  /** Why they cannot hold here. */
  String reason();
}
