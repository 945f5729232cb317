package com.shopchat.conversation;

import com.shopchat.dialogue.BotReply;
import com.shopchat.dialogue.DialogueState;
import com.shopchat.nlu.Understanding;

/**
 * Told of every bot turn once its reply is stored and sent (the learning loop's inbox listens). Called on the
 * event loop: it must only start asynchronous work, and its failures never reach the shopper.
 */
@FunctionalInterface
public interface TurnObserver {

  TurnObserver NONE = turn -> { };

  void answered(Turn turn);

  /** One answered turn: the shopper's message, what the NLU read, the state before and the reply. */
  record Turn(Conversation conversation, ChatMessage message, String locale, String payload, Understanding understanding,
              DialogueState before, BotReply reply) {}
}
