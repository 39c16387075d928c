package org.ebmbench.experiments.report;

import java.util.Optional;
import org.ebmbench.experiments.results.ResultsFile;

/**
 * An optional section of the report computed from the results alone, such as the comparison of
 * engines. Sections are listed in {@link ReportSections} and shown after the overview, in that
 * order.
 */
public interface ReportSection {
  /** The section's heading. */
  String title();

  /**
   * The section's body as HTML, or empty to leave the section out (for example an engine
   * comparison of a run on one engine). The HTML must be self-contained (inline SVG, no network,
   * no script) and escape any text taken from the results.
   */
  Optional<String> html(ResultsFile results);
}
