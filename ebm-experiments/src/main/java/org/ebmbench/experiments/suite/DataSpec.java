package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an experiment's data comes from. Either drawn exactly from the true model ({@code
 * {train: 5000, test: 2000}}), or read from a CSV file of the user's ({@code {file: spins.csv,
 * testRows: 500, header: true}}; a relative path is relative to the suite file). With user data
 * there is no true model, so the metrics that need one are skipped.
 *
 * @param train rows drawn for training (exact data only)
 * @param test rows drawn for held-out evaluation (exact data only)
 * @param file a CSV file: one example per line, comma-separated numbers, '#' comments
 * @param testRows how many of the file's last rows are held out (default: a fifth, at least one)
 * @param header whether the file's first line is a header to skip (default false)
 * @param sha256 the SHA-256 of the file's bytes: optional in a suite (then checked), always
 *     filled in once the file has been read, and part of the cell key instead of the path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    Integer train, Integer test, String file, Integer testRows, Boolean header, String sha256) {

  /** The most rows a suite may ask to draw, to keep a typo from filling memory. */
  public static final int MAX_ROWS = 10_000_000;

  public DataSpec {
    if (file != null && header == null) {
      header = false;
    }
  }

  /** Whether the data comes from a user file rather than from the true model. */
  @JsonIgnore
  public boolean fromFile() {
    return file != null;
  }

  /** This spec with the file's hash filled in. */
  public DataSpec withSha256(String hash) {
    return new DataSpec(train, test, file, testRows, header, hash);
  }

  /** Checks that exactly one source is given and its sizes are sane. */
  public void validate(FieldPath path) {
    if (file != null) {
      if (train != null || test != null) {
        throw new InvalidSpecException(
            path, "give either train/test sizes or a file, not both");
      }
      if (file.isBlank()) {
        throw new InvalidSpecException(path.field("file"), "must not be empty");
      }
      if (testRows != null) {
        Check.between(path.field("testRows"), testRows, 1, MAX_ROWS);
      }
    } else {
      if (testRows != null || header != null || sha256 != null) {
        throw new InvalidSpecException(
            path, "testRows, header and sha256 apply to a file; drawn data takes train and test");
      }
      if (train == null && test == null) {
        throw new InvalidSpecException(
            path, "give train and test sizes (drawn from the true model) or a file");
      }
      Check.between(path.field("train"), train, 1, MAX_ROWS);
      Check.between(path.field("test"), test, 1, MAX_ROWS);
    }
  }
}
