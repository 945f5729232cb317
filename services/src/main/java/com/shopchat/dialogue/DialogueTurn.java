package com.shopchat.dialogue;

import com.shopchat.nlu.Understanding;

/**
 * One shopper turn as the dialogue manager sees it: the words, a tapped quick reply, the NLU's reading, the
 * conversation's state, and the shopper the shop vouched for ({@code null} when anonymous).
 */
public record DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state,
                           String shopperId) {

  /** An anonymous shopper's turn. */
  public DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state) {
    this(text, payload, locale, understanding, state, null);
  }
}
