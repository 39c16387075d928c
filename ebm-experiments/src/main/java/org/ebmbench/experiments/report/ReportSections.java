package org.ebmbench.experiments.report;

import java.util.List;

/** The report's optional sections, in page order; a family or engine registers its own here. */
final class ReportSections {
  private ReportSections() {}

  /** Every registered section. */
  static final List<ReportSection> ALL = List.of(new EngineComparison());
}
