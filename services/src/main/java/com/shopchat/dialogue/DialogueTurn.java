package com.shopchat.dialogue;

import com.shopchat.nlu.Understanding;

/** One shopper turn as the dialogue manager sees it: the words, a tapped quick reply, the NLU's reading. */
public record DialogueTurn(String text, String payload, String locale, Understanding understanding, DialogueState state) {}
