package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.dialogue.BotReply.QuickReply;
import com.shopchat.nlu.BaselineIntentRecognizer;
import com.shopchat.nlu.Understanding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dialogue manager driven turn by turn over a real in-memory Lucene index and the demo shop backend. */
@DisplayName("The dialogue manager")
class DialogueManagerTest {

  private static DialogueFixture fixture;
  private final BaselineIntentRecognizer nlu = new BaselineIntentRecognizer();

  @BeforeAll
  static void start() throws Exception {
    fixture = new DialogueFixture();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private BotReply turn(String text, String payload, String locale, DialogueState state) throws Exception {
    return fixture.dialogue.respond(new DialogueTurn(text, payload, locale, nlu.classify(text), state))
      .await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("greets back and offers example questions as quick replies")
  void greets() throws Exception {
    BotReply reply = turn("hello", null, "en", DialogueState.INITIAL);
    assertEquals("greeting", reply.intent());
    assertEquals(3, reply.quickReplies().size());
    assertTrue(reply.sources().isEmpty());
  }

  @Test
  @DisplayName("answers a question from the best knowledge entry and names it as the source")
  void answersFromKnowledge() throws Exception {
    BotReply reply = turn("how long does delivery take?", null, "en", DialogueState.INITIAL);
    assertEquals("Standard delivery takes 3-5 working days.", reply.text());
    assertEquals("kb-delivery", reply.sources().get(0).id());
    assertEquals("faq", reply.intent());
  }

  @Test
  @DisplayName("answers in the conversation's language from that language's entries")
  void answersInChinese() throws Exception {
    BotReply reply = turn("退货政策是什么", null, "zh", DialogueState.INITIAL);
    assertEquals("kb-zh-returns", reply.sources().get(0).id());
  }

  @Test
  @DisplayName("says it has no good answer, suggests questions and offers a person, counting the miss")
  void honestWhenUnsure() throws Exception {
    BotReply reply = turn("do you repair vintage motorcycles", null, "en", DialogueState.INITIAL);
    assertTrue(reply.sources().isEmpty());
    assertEquals(1, reply.state().misunderstandings());
    assertTrue(reply.quickReplies().stream().anyMatch(q -> q.payload().equals(DialogueManager.HUMAN_PAYLOAD)));
  }

  @Test
  @DisplayName("offers a person outright after two misunderstandings in a row, and forgets them after an answer")
  void secondMissOffersHuman() throws Exception {
    BotReply first = turn("do you repair vintage motorcycles", null, "en", DialogueState.INITIAL);
    BotReply second = turn("fix my carburettor", null, "en", first.state());
    assertEquals(2, second.state().misunderstandings());
    assertEquals(List.of(new QuickReply("Talk to a person", DialogueManager.HUMAN_PAYLOAD)), second.quickReplies());
    BotReply third = turn("what is your return policy?", null, "en", second.state());
    assertEquals(0, third.state().misunderstandings());
    assertEquals("kb-returns", third.sources().get(0).id());
  }

  @Test
  @DisplayName("hands the conversation to a person when asked, in words or by quick reply")
  void handoff() throws Exception {
    BotReply asked = turn("I want to talk to a human", null, "en", DialogueState.INITIAL);
    assertEquals("human", asked.intent());
    assertTrue(asked.state().handoffRequested());
    BotReply tapped = turn("Talk to a person", DialogueManager.HUMAN_PAYLOAD, "en", DialogueState.INITIAL);
    assertTrue(tapped.state().handoffRequested());
  }

  @Test
  @DisplayName("answers the exact entry a shopper picked from the suggestions")
  void pickedEntry() throws Exception {
    BotReply reply = turn("How much does delivery cost?", DialogueManager.ENTRY_PAYLOAD + "kb-delivery-cost", "en",
      new DialogueState(1, false));
    assertEquals("kb-delivery-cost", reply.sources().get(0).id());
    assertEquals(0, reply.state().misunderstandings());
  }

  @Test
  @DisplayName("ignores a picked entry of another language and searches instead")
  void pickedEntryOfOtherLocale() throws Exception {
    BotReply reply = turn("what is your return policy?", DialogueManager.ENTRY_PAYLOAD + "kb-zh-returns", "en",
      DialogueState.INITIAL);
    assertEquals("kb-returns", reply.sources().get(0).id());
    assertFalse(reply.text().contains("退货"));
  }

  @Test
  @DisplayName("round-trips its state through JSON, as stored on the conversation")
  void stateJson() {
    DialogueState state = new DialogueState(2, true);
    assertEquals(state, DialogueState.fromJson(state.toJson()));
    assertEquals(DialogueState.INITIAL, DialogueState.fromJson(null));
  }

  private BotReply modelTurn(String text, String intent, float confidence, String locale) throws Exception {
    return fixture.dialogue.respond(new DialogueTurn(text, null, locale, new Understanding(intent, confidence, "abc123"),
      DialogueState.INITIAL)).await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("tells a shopper asking something out of scope what it can help with, in their language")
  void outOfScope() throws Exception {
    BotReply en = modelTurn("what's the weather in Paris tomorrow", "oos", 0.9f, "en");
    assertEquals("oos", en.intent());
    assertTrue(en.text().contains("can't help with that") && en.text().contains("orders"), en.text());
    assertFalse(en.state().handoffRequested());
    BotReply zh = modelTurn("明天巴黎天气怎么样", "oos", 0.9f, "zh");
    assertTrue(zh.text().contains("帮不上忙"), zh.text());
  }

  @Test
  @DisplayName("hands off when the model reads contact_human_agent")
  void handsOffOnTheModelsHumanIntent() throws Exception {
    BotReply reply = modelTurn("i need to speak with a real agent", "contact_human_agent", 0.93f, "en");
    assertTrue(reply.state().handoffRequested());
    assertEquals(Understanding.HUMAN, reply.intent());
  }

  @Test
  @DisplayName("answers a model intent such as get_invoice from the knowledge base and keeps the intent")
  void answersAModelIntentFromKnowledge() throws Exception {
    BotReply reply = modelTurn("where can I find the invoice for my order?", "get_invoice", 0.97f, "en");
    assertEquals("Your invoice is attached to the shipping confirmation email.", reply.text());
    assertEquals("get_invoice", reply.intent());
    assertEquals("kb-invoice", reply.sources().get(0).id());
  }

  @Test
  @DisplayName("answers delivery questions with the shop's shipping options rather than a canned text")
  void answersDeliveryFromShopData() throws Exception {
    BotReply reply = modelTurn("how long does delivery take?", "delivery_period", 0.97f, "en");
    assertTrue(reply.text().contains("Standard delivery: 3–5 working days, €4.95 (free over €50.00)"), reply.text());
    assertEquals("shop_policy", reply.flow());
  }

  @Test
  @DisplayName("does not act on an unsure conversational reading but tries the knowledge base instead")
  void unsureOutOfScopeFallsBackToKnowledge() throws Exception {
    BotReply reply = modelTurn("what is your return policy?", "oos", 0.3f, "en");
    assertEquals("You can return unused items within 30 days.", reply.text());
  }

  @Test
  @DisplayName("answers a question about one part of a long entry with that paragraph, the whole entry one tap away")
  void answersWithThePassage() throws Exception {
    BotReply reply = turn("do you ship abroad, and who pays the customs duties?", null, "en", DialogueState.INITIAL);

    assertEquals("kb-abroad", reply.sources().get(0).id());
    assertTrue(reply.text().startsWith("Parcels leaving the EU may be charged import duties"), reply.text());
    assertTrue(!reply.text().contains("30 countries"), reply.text());
    QuickReply full = reply.quickReplies().get(0);
    assertEquals(new QuickReply("Full answer", DialogueManager.ENTRY_PAYLOAD + "kb-abroad"), full);

    BotReply whole = turn(full.title(), full.payload(), "en", reply.state());
    assertTrue(whole.text().contains("30 countries") && whole.text().contains("customs fees"), whole.text());
  }
}
