package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The conversation's dialogue state as stored in PostgreSQL's jsonb. */
@DisplayName("The dialogue state")
class DialogueStateTest {

  @Test
  @DisplayName("survives a JSON round trip mid-flow")
  void roundTrip() {
    DialogueState state = DialogueState.INITIAL
      .inFlow("cancel_order", FlowTurn.CONFIRM, Map.of("order_number", "MT-100003"))
      .misunderstood().frustrated(2).withLastOrder("MT-100003").withLastProducts(List.of("AP-1001", "AP-1002"))
      .withVerifiedOrder("MT-100003");
    DialogueState back = DialogueState.fromJson(new JsonObject(state.toJson().encode()));
    assertEquals(state, back);
    assertEquals("MT-100003", back.slot("order_number"));
    assertEquals(true, back.confirming());
  }

  @Test
  @DisplayName("reads an empty, old or malformed state as a fresh one where fields are missing")
  void tolerant() {
    assertEquals(DialogueState.INITIAL, DialogueState.fromJson(new JsonObject()));
    assertEquals(DialogueState.INITIAL, DialogueState.fromJson(null));
    DialogueState old = DialogueState.fromJson(new JsonObject().put("misunderstandings", 1).put("handoffRequested", true));
    assertEquals(new DialogueState(1, true), old);
    DialogueState odd = DialogueState.fromJson(new JsonObject().put("flow", 5).put("slots", "x")
      .put("lastProducts", new io.vertx.core.json.JsonArray().add(1).add("AP-1")).put("misunderstandings", -3));
    assertNull(odd.flow());
    assertEquals(Map.of(), odd.slots());
    assertEquals(List.of("AP-1"), odd.lastProducts());
    assertEquals(0, odd.misunderstandings());
  }

  @Test
  @DisplayName("remembers at most the ten latest orders an anonymous shopper proved")
  void verifiedOrdersBounded() {
    DialogueState state = DialogueState.INITIAL;
    for (int i = 0; i < 12; i++) {
      state = state.withVerifiedOrder("MT-" + i);
    }
    state = state.withVerifiedOrder("MT-5");
    assertEquals(10, state.verifiedOrders().size());
    assertEquals("MT-5", state.verifiedOrders().get(9));
    assertEquals("MT-2", state.verifiedOrders().get(0));
  }
}
