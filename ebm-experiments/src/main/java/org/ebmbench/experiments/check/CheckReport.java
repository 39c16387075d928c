package org.ebmbench.experiments.check;

import java.util.List;

/**
 * What {@code ebm check} found.
 *
 * @param findings regressions and warnings, cell by cell in the baseline's order
 * @param compared cells present in both runs
 * @param missing cells of the baseline not in the new run
 * @param added cells of the new run not in the baseline
 */
public record CheckReport(List<Finding> findings, int compared, int missing, int added) {
  public CheckReport {
    findings = List.copyOf(findings);
  }

  /** The number of findings that fail the check. */
  public long regressions() {
    return findings.stream().filter(f -> f.severity() == Finding.Severity.REGRESSION).count();
  }

  /** The number of findings that only warn. */
  public long warnings() {
    return findings.size() - regressions();
  }

  /** One summary line. */
  public String summary() {
    return "check: " + compared + " cells compared, " + regressions() + " regressions, "
        + warnings() + " warnings, " + missing + " baseline cells missing from this run, "
        + added + " cells not in the baseline";
  }
}
