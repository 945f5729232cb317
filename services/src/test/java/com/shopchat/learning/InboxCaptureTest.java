package com.shopchat.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.conversation.TurnObserver;
import com.shopchat.dialogue.BotReply;
import com.shopchat.dialogue.DialogueManager;
import com.shopchat.dialogue.DialogueState;
import com.shopchat.nlu.Understanding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which turns the NLU inbox queues, and why")
class InboxCaptureTest {

  private static final DialogueState FRESH = new DialogueState(0, false);

  private static List<String> reasons(Understanding u, BotReply reply) {
    return InboxCapture.reasons(new TurnObserver.Turn(null, null, "en", null, u, FRESH, reply));
  }

  private static BotReply reply(String intent, List<BotReply.QuickReply> quick, DialogueState after) {
    return new BotReply("text", intent, 0.9f, quick, List.of(), after);
  }

  @Test
  @DisplayName("a confident, understood turn is not queued")
  void confident() {
    assertEquals(List.of(), reasons(new Understanding("track_order", 0.93f), reply("track_order", List.of(), FRESH)));
  }

  @Test
  @DisplayName("low confidence answered with 'did you mean' is queued for both")
  void clarification() {
    List<BotReply.QuickReply> options = List.of(new BotReply.QuickReply("Track", DialogueManager.INTENT_PAYLOAD
      + "track_order"), new BotReply.QuickReply("Refund", DialogueManager.INTENT_PAYLOAD + "get_refund"));
    assertEquals(List.of(InboxCapture.LOW, InboxCapture.CLARIFICATION),
      reasons(new Understanding("track_order", 0.31f), reply("track_order", options, new DialogueState(1, false))));
  }

  @Test
  @DisplayName("out of scope and not understood, then handed to a person, is queued with all three")
  void oosFallbackHandoff() {
    assertEquals(List.of(InboxCapture.OOS, InboxCapture.FALLBACK, InboxCapture.HANDOFF),
      reasons(new Understanding(Understanding.OOS, 0.2f),
        reply(Understanding.HUMAN, List.of(), new DialogueState(1, true))));
  }

  @Test
  @DisplayName("a shopper asking for a person with confidence is no doubt of the model")
  void askedForPerson() {
    assertEquals(List.of(), reasons(new Understanding(Understanding.HUMAN_AGENT, 0.95f),
      reply(Understanding.HUMAN, List.of(), new DialogueState(0, true))));
  }
}
