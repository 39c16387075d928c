package org.ebmbench.experiments.run;

import java.nio.file.Path;
import java.util.List;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * A model family of the benchmark ("toy", later "rbm", "crf", "neural"): the model spec types
 * its experiments use and how to validate and run them. Implementations are listed in {@link
 * Families}.
 */
public interface Family {
  /** The name suites and {@code --family} use. */
  String name();

  /** The model spec records of this family, each annotated with {@code @JsonTypeName}. */
  List<Class<? extends ModelSpec>> modelTypes();

  /**
   * Checks everything about one experiment that the shared validation cannot (the model type
   * belongs to this family, the model can be built, data files parse and fit the model, the
   * estimators apply), and prepares what its cells share. Must be cheap: it runs for every
   * experiment before any cell starts.
   *
   * @param experiment the experiment, already checked by {@link ExperimentSpec#validate}
   * @param path where the experiment sits in the suite, for messages
   * @param context the engine and where data files are
   * @throws org.ebmbench.experiments.suite.InvalidSpecException naming the field at fault
   * @throws org.ebmbench.experiments.InputException for unreadable or malformed data files
   * @throws DataUnavailableException when the data is simply not installed here: the run goes
   *     on and records the experiment's cells as skipped
   */
  PreparedExperiment prepare(ExperimentSpec experiment, FieldPath path, Context context);

  /**
   * What {@link #prepare} may use.
   *
   * @param engine the engine the cells will run on
   * @param suiteDirectory where relative data file paths are resolved
   * @param dataDirectory where installed data sets are looked for instead ({@code ebm run --data
   *     DIR}), or null when the run names none
   */
  record Context(Engine engine, Path suiteDirectory, Path dataDirectory) {
    /** A context without a data folder. */
    public Context(Engine engine, Path suiteDirectory) {
      this(engine, suiteDirectory, null);
    }
  }
}
