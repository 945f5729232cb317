package com.shopchat.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Sticky assignment: SHA-256 of {@code experimentId + ":" + visitorId} picks a bucket 0..9999, and the bucket
 * falls in one variant's slice of the cumulative weights. No state: the same visitor gets the same variant on
 * every server, after every restart, for as long as the experiment runs; a new experiment reshuffles everyone
 * (its id is in the hash), so one experiment's split does not leak into the next.
 */
public final class Bucketing {

  /** Buckets per experiment: weights are whole percents, so each percent is 100 buckets. */
  public static final int BUCKETS = 10_000;

  private Bucketing() {
  }

  /** The visitor's bucket, 0 to {@link #BUCKETS} − 1. */
  public static int bucket(String experimentId, String visitorId) {
    byte[] hash = sha256().digest((experimentId + ":" + visitorId).getBytes(StandardCharsets.UTF_8));
    return (int) Math.floorMod(ByteBuffer.wrap(hash).getLong(), (long) BUCKETS);
  }

  /** The variant whose slice holds the bucket; weights are percents summing to 100. */
  public static Variant pick(List<Variant> variants, int bucket) {
    int upTo = 0;
    for (Variant variant : variants) {
      upTo += variant.weight() * (BUCKETS / 100);
      if (bucket < upTo) {
        return variant;
      }
    }
    // Only reachable if the weights sum to less than 100, which validation forbids; the last one takes the rest.
    return variants.get(variants.size() - 1);
  }

  /** The visitor's variant in this experiment. */
  public static Variant assign(Experiment experiment, String visitorId) {
    return pick(experiment.variants(), bucket(experiment.id(), visitorId));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
