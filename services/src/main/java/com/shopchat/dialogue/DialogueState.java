package com.shopchat.dialogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bot remembers between turns of one conversation, stored as JSON on the conversation so a restart
 * or reconnect continues mid-flow.
 *
 * @param flow the flow under way ({@code order_status}, {@code cancel_order}, …) or {@code null}
 * @param awaiting what that flow asked the shopper for: a slot ({@code order_number}, {@code email},
 *     {@code address}) or a confirmation ({@code confirm}); {@code null} when it asked nothing
 * @param slots what the flow has gathered so far (order number, new address, …)
 * @param misunderstandings turns in a row the bot could not make sense of
 * @param frustration how annoyed the shopper sounds, from 0; decays when things go well
 * @param handoffRequested a person has been asked for
 * @param lastOrder the order the conversation last talked about, for "and where is it now?"
 * @param lastProducts the products last shown as cards, best first, for "what about the blue one?"
 * @param verifiedOrders orders an anonymous shopper proved are theirs by giving the order's email
 * @param pacing turns so far and the product suggestions the bot made unasked, so it never pushes them too often
 */
public record DialogueState(
  String flow,
  String awaiting,
  Map<String, String> slots,
  int misunderstandings,
  int frustration,
  boolean handoffRequested,
  String lastOrder,
  List<String> lastProducts,
  List<String> verifiedOrders,
  Pacing pacing) {

  public static final DialogueState INITIAL =
    new DialogueState(null, null, Map.of(), 0, 0, false, null, List.of(), List.of(), Pacing.NONE);

  /** How many orders an anonymous shopper's proofs are remembered for, newest kept. */
  private static final int MAX_VERIFIED = 10;

  public DialogueState {
    slots = slots == null ? Map.of() : Map.copyOf(slots);
    lastProducts = lastProducts == null ? List.of() : List.copyOf(lastProducts);
    verifiedOrders = verifiedOrders == null ? List.of() : List.copyOf(verifiedOrders);
    pacing = pacing == null ? Pacing.NONE : pacing;
  }

  /**
   * How many shopper turns the conversation has had, and when (and how often) the bot last showed product cards
   * nobody asked for.
   */
  public record Pacing(int turns, int lastOfferTurn, int offers) {
    static final Pacing NONE = new Pacing(0, 0, 0);

    /** Whether an unasked suggestion now keeps to at most {@code max} per conversation, {@code gap} turns apart. */
    public boolean allows(int gap, int max) {
      return offers < max && (offers == 0 || turns - lastOfferTurn >= gap);
    }
  }

  /** The misunderstanding count and handoff flag alone (the state before flows existed). */
  public DialogueState(int misunderstandings, boolean handoffRequested) {
    this(null, null, Map.of(), misunderstandings, 0, handoffRequested, null, List.of(), List.of(), Pacing.NONE);
  }

  /** Reads a stored state; anything missing or of the wrong shape falls back to the initial value. */
  public static DialogueState fromJson(JsonObject json) {
    if (json == null) {
      return INITIAL;
    }
    Map<String, String> slots = new LinkedHashMap<>();
    JsonObject storedSlots = json.getValue("slots") instanceof JsonObject o ? o : new JsonObject();
    storedSlots.forEach(e -> {
      if (e.getValue() instanceof String v) {
        slots.put(e.getKey(), v);
      }
    });
    return new DialogueState(string(json, "flow"), string(json, "awaiting"), slots, integer(json, "misunderstandings"),
      integer(json, "frustration"), Boolean.TRUE.equals(json.getValue("handoffRequested")), string(json, "lastOrder"),
      strings(json, "lastProducts"), strings(json, "verifiedOrders"), new Pacing(integer(json, "turns"),
        integer(json, "lastOfferTurn"), integer(json, "offers")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("misunderstandings", misunderstandings)
      .put("frustration", frustration)
      .put("handoffRequested", handoffRequested);
    if (flow != null) {
      json.put("flow", flow);
    }
    if (awaiting != null) {
      json.put("awaiting", awaiting);
    }
    if (!slots.isEmpty()) {
      json.put("slots", new JsonObject(new LinkedHashMap<>(slots)));
    }
    if (lastOrder != null) {
      json.put("lastOrder", lastOrder);
    }
    if (!lastProducts.isEmpty()) {
      json.put("lastProducts", new JsonArray(new ArrayList<>(lastProducts)));
    }
    if (!verifiedOrders.isEmpty()) {
      json.put("verifiedOrders", new JsonArray(new ArrayList<>(verifiedOrders)));
    }
    if (pacing.turns() > 0) {
      json.put("turns", pacing.turns());
    }
    if (pacing.offers() > 0) {
      json.put("lastOfferTurn", pacing.lastOfferTurn()).put("offers", pacing.offers());
    }
    return json;
  }

  public String slot(String name) {
    return slots.get(name);
  }

  /** A slot holding a whole number (a count, cents), or 0 when it is absent or not a number. */
  public long slotNumber(String name) {
    try {
      return slots.containsKey(name) ? Long.parseLong(slots.get(name)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the flow is waiting for the shopper to say yes or no. */
  public boolean confirming() {
    return FlowTurn.CONFIRM.equals(awaiting);
  }

  /** A flow begins, or carries on, asking for {@code what} (null: nothing). */
  DialogueState inFlow(String name, String what, Map<String, String> newSlots) {
    return new DialogueState(name, what, newSlots, misunderstandings, frustration, handoffRequested, lastOrder,
      lastProducts, verifiedOrders, pacing);
  }

  /** The flow is over: done, refused or left. */
  DialogueState flowEnded() {
    return new DialogueState(null, null, Map.of(), misunderstandings, frustration, handoffRequested, lastOrder,
      lastProducts, verifiedOrders, pacing);
  }

  DialogueState understood() {
    return new DialogueState(flow, awaiting, slots, 0, Math.max(0, frustration - 1), handoffRequested, lastOrder,
      lastProducts, verifiedOrders, pacing);
  }

  DialogueState misunderstood() {
    return new DialogueState(flow, awaiting, slots, misunderstandings + 1, frustration, handoffRequested, lastOrder,
      lastProducts, verifiedOrders, pacing);
  }

  DialogueState frustrated(int by) {
    return new DialogueState(flow, awaiting, slots, misunderstandings, frustration + by, handoffRequested, lastOrder,
      lastProducts, verifiedOrders, pacing);
  }

  DialogueState withHandoff() {
    return new DialogueState(null, null, Map.of(), 0, frustration, true, lastOrder, lastProducts, verifiedOrders, pacing);
  }

  DialogueState withLastOrder(String orderNumber) {
    return new DialogueState(flow, awaiting, slots, misunderstandings, frustration, handoffRequested, orderNumber,
      lastProducts, verifiedOrders, pacing);
  }

  DialogueState withLastProducts(List<String> skus) {
    return new DialogueState(flow, awaiting, slots, misunderstandings, frustration, handoffRequested, lastOrder,
      skus, verifiedOrders, pacing);
  }

  DialogueState withVerifiedOrder(String orderNumber) {
    List<String> orders = new ArrayList<>(verifiedOrders);
    orders.remove(orderNumber);
    orders.add(orderNumber);
    while (orders.size() > MAX_VERIFIED) {
      orders.remove(0);
    }
    return new DialogueState(flow, awaiting, slots, misunderstandings, frustration, handoffRequested, lastOrder,
      lastProducts, orders, pacing);
  }

  /** One more shopper turn. */
  DialogueState nextTurn() {
    return withPacing(new Pacing(pacing.turns() + 1, pacing.lastOfferTurn(), pacing.offers()));
  }

  /** The bot showed product cards unasked this turn. */
  DialogueState offered() {
    return withPacing(new Pacing(pacing.turns(), pacing.turns(), pacing.offers() + 1));
  }

  private DialogueState withPacing(Pacing p) {
    return new DialogueState(flow, awaiting, slots, misunderstandings, frustration, handoffRequested, lastOrder,
      lastProducts, verifiedOrders, p);
  }

  private static String string(JsonObject json, String key) {
    return json.getValue(key) instanceof String s && !s.isEmpty() ? s : null;
  }

  private static int integer(JsonObject json, String key) {
    return json.getValue(key) instanceof Number n ? Math.max(0, n.intValue()) : 0;
  }

  private static List<String> strings(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof JsonArray array)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    array.forEach(v -> {
      if (v instanceof String s) {
        out.add(s);
      }
    });
    return out;
  }
}
