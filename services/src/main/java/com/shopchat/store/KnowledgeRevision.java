package com.shopchat.store;

import com.shopchat.kb.KnowledgeEntry;
import java.time.OffsetDateTime;

/**
 * One step of an entry's history: the entry's fields and status as that change left them, what the change was
 * ({@code create}, {@code update}, {@code publish}, {@code archive}, {@code rollback}, {@code import}), who made it
 * ({@code null}: the system) and when.
 */
public record KnowledgeRevision(int revision, KnowledgeEntry entry, String status, String action, String staffEmail,
                                OffsetDateTime at) {
}
