package org.ebmbench.engine;

/** Thrown when an engine is asked for by name but cannot run on this machine. */
public final class EngineUnavailableException extends RuntimeException {
  public EngineUnavailableException(String message) {
    super(message);
  }
}
