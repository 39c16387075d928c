package org.ebmbench.crf.conll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bijection between strings and ids 0..size-1. While open, {@link #idOrAdd} adds unseen
 * strings; once {@link #freeze frozen} (after training) it never grows: {@link #idOrAdd} then
 * answers -1 for an unseen string, so tagging new text cannot add features.
 */
public final class Alphabet {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private boolean frozen;

  /** The id of {@code name}, adding it if the alphabet is open; -1 if unseen and frozen. */
  public int idOrAdd(String name) {
    Integer id = ids.get(name);
    if (id != null) {
      return id;
    }
    if (frozen) {
      return -1;
    }
    int next = names.size();
    ids.put(name, next);
    names.add(name);
    return next;
  }

  /** The id of {@code name}, or -1 if it is not in the alphabet. */
  public int id(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  /** The string with the given id. */
  public String name(int id) {
    return names.get(id);
  }

  public int size() {
    return names.size();
  }

  /** Stops the alphabet from growing, for good. */
  public void freeze() {
    frozen = true;
  }

  public boolean isFrozen() {
    return frozen;
  }
}
