package com.shopchat.experiment;

/** A request the experiments cannot grant: no such experiment, a bad argument, or a state that forbids it. */
public final class ExperimentException extends RuntimeException {

  /** What kind of refusal it is (the admin API answers 404, 400 and 409). */
  public enum Kind { NOT_FOUND, INVALID, CONFLICT }

  private final Kind kind;
  private final String code;

  public ExperimentException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** A stable machine-readable code, e.g. {@code another_running}. */
  public String code() {
    return code;
  }
}
