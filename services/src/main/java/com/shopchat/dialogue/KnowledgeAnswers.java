package com.shopchat.dialogue;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import io.vertx.core.Future;
import java.util.List;

/** The dialogue manager's view of the knowledge base: published entries only, searched off the event loop. */
public interface KnowledgeAnswers {

  Future<List<KnowledgeHit>> search(String text, String locale, int limit);

  /** The published entry with that id, or {@code null}. */
  Future<KnowledgeEntry> entry(String id);
}
