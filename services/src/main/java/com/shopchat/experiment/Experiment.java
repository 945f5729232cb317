package com.shopchat.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An A/B experiment as stored: its variants in the admin's order (the first is the control), the metric it is
 * judged on ({@code ctr} or {@code conversion}), its status ({@code draft}, {@code running}, {@code stopped}),
 * the attribution window, and the winner rolled out when it stopped (null if none).
 */
public record Experiment(
  String id,
  String name,
  String metric,
  String status,
  int windowHours,
  Instant createdAt,
  Instant startedAt,
  Instant stoppedAt,
  String winner,
  List<Variant> variants) {

  public static final String DRAFT = "draft";
  public static final String RUNNING = "running";
  public static final String STOPPED = "stopped";

  public Experiment {
    variants = List.copyOf(variants);
  }

  /** The variant called {@code name}, if the experiment has one. */
  public Optional<Variant> variant(String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public boolean running() {
    return RUNNING.equals(status);
  }
}
