package com.shopchat.dialogue;

import com.shopchat.nlu.Understanding;

/**
 * One shopper turn as the dialogue manager sees it: the words, a tapped quick reply, the NLU's reading, the
 * conversation's state, the shopper the shop vouched for ({@code null} when anonymous), and the conversation
 * and browser it came from (for recommendations; {@code null} in tests of the dialogue alone).
 */
public record DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state,
                           String shopperId, String conversationId, String visitorId) {

  /** A turn of a shopper the shop vouched for (or an anonymous one: {@code shopperId} null). */
  public DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state,
                      String shopperId) {
    this(text, payload, locale, understanding, state, shopperId, null, null);
  }

  /** An anonymous shopper's turn. */
  public DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state) {
    this(text, payload, locale, understanding, state, null);
  }

  /** The same turn in another state. */
  DialogueTurn withState(DialogueState newState) {
    return new DialogueTurn(text, payload, locale, understanding, newState, shopperId, conversationId, visitorId);
  }

  /** The same turn read differently (a chosen intent, frustration, context). */
  DialogueTurn withUnderstanding(Understanding reading) {
    return new DialogueTurn(text, payload, locale, reading, state, shopperId, conversationId, visitorId);
  }
}
