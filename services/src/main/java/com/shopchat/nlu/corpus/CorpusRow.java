package com.shopchat.nlu.corpus;

import io.vertx.core.json.JsonObject;

/** One generated utterance: its text, the intent it expresses and its locale ({@code en} or {@code zh}). */
public record CorpusRow(String text, String intent, String locale) {

  /** The JSON Lines form the trainer reads; it uses {@code text} and {@code intent} and ignores {@code locale}. */
  public String toJson() {
    return new JsonObject().put("text", text).put("intent", intent).put("locale", locale).encode();
  }
}
