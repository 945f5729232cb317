package com.shopchat.dialogue;

import io.vertx.core.Future;

/**
 * One thing the bot helps a shopper get done over one or more turns (track an order, cancel it, start a
 * return, find a product). A flow keeps what it gathered in the conversation's {@link DialogueState}, so it
 * continues after a restart or reconnect. A one-turn flow (an answer from the shop's data) never awaits
 * anything.
 */
interface Flow {

  /** The name stored in the state and on each bot turn ({@code order_status}, …). */
  String name();

  /**
   * Whether this turn gives what the flow is waiting for ({@code state.awaiting()}); if not, the dialogue
   * manager treats it as a digression and asks again afterwards.
   */
  default boolean answers(FlowTurn t) {
    return false;
  }

  /** Handles a turn that starts the flow or answers what it asked. */
  Future<BotReply> handle(FlowTurn t);

  /** The question the flow is waiting on, to ask again after a digression; {@code null} when none. */
  default String prompt(FlowTurn t) {
    return null;
  }
}
