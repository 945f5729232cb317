package com.shopchat.dialogue;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.nlu.SentenceVector;
import io.vertx.core.Future;
import java.util.List;

/** The dialogue manager's view of the knowledge base: published entries only, searched off the event loop. */
public interface KnowledgeAnswers {

  Future<List<KnowledgeHit>> search(String text, String locale, int limit);

  /**
   * As {@link #search(String, String, int)}, offered the sentence vector the NLU computed for {@code text}
   * ({@code null}: none). An implementation whose vectors come from the same model may search with it instead of
   * embedding the text again; the hits must be the ones the three-argument search gives. By default it is ignored.
   */
  default Future<List<KnowledgeHit>> search(String text, String locale, int limit, SentenceVector vector) {
    return search(text, locale, limit);
  }

  /** The published entry with that id, or {@code null}. */
  Future<KnowledgeEntry> entry(String id);
}
