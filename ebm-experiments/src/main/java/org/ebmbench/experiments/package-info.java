/**
 * Experiments: suites, the runner, results.json, the HTML report and the {@code ebm} command line.
 *
 * <p>Not yet stable: the results schema is versioned ({@code schemaVersion}); everything else may
 * change while the benchmark families land. This module never imports an engine: engines are
 * found by name through {@link org.ebmbench.engine.Engines}.
 */
package org.ebmbench.experiments;
