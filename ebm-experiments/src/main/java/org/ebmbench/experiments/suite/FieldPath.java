package org.ebmbench.experiments.suite;

/**
 * Where a value sits in a suite file, written the way users read it: {@code
 * experiments[1].model.n}. Immutable; each step returns a new path.
 */
public final class FieldPath {
  private static final FieldPath ROOT = new FieldPath("");

  private final String text;

  private FieldPath(String text) {
    this.text = text;
  }

  /** The top of the document. */
  public static FieldPath root() {
    return ROOT;
  }

  /** The named field of the object at this path. */
  public FieldPath field(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  /** The element at {@code index} of the list at this path. */
  public FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]");
  }

  public boolean isRoot() {
    return text.isEmpty();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(top level)" : text;
  }
}
