package com.shopchat.store;

import com.shopchat.kb.KnowledgeEntry;
import java.time.OffsetDateTime;

/**
 * A knowledge entry as the editors see it: its fields, its status ({@code draft}, {@code published} or
 * {@code archived}), the revision it is at, and when it last changed.
 */
public record KnowledgeRecord(KnowledgeEntry entry, String status, int revision, OffsetDateTime updatedAt) {

  public static final String DRAFT = "draft";
  public static final String PUBLISHED = "published";
  public static final String ARCHIVED = "archived";

  /** Whether shoppers may be answered with it. */
  public boolean published() {
    return PUBLISHED.equals(status);
  }
}
