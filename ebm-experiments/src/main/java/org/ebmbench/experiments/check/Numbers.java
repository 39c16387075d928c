package org.ebmbench.experiments.check;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers in check messages: six significant digits, a decimal point under every locale. */
final class Numbers {
  private Numbers() {}

  static String format(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    return magnitude >= 1e-4 && magnitude < 1e7 ? rounded.toPlainString() : rounded.toString();
  }
}
