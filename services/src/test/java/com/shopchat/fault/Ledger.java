package com.shopchat.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.ResilientShopper;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The fault suite's bookkeeping: what one shopper typed, what the server acknowledged (echoed), what it stored and
 * what the shopper was shown, compared after the fault. Read from PostgreSQL directly, never through a proxy.
 */
final class Ledger {

  /** The counts for one conversation, all of which must be equal. */
  record Counts(int sent, int acknowledged, int storedShopper, int storedBot, int stored, int delivered) {}

  private Ledger() {
  }

  /**
   * Asserts that every message the shopper typed is stored once, in typing order, under gap-free seqs; that each has
   * exactly one bot reply; that every echo named the stored seq; that the shopper was shown every stored message,
   * each once; and that no frame broke the protocol. Returns the counts.
   */
  static Counts check(Pool pool, ResilientShopper shopper) throws Exception {
    String conversationId = shopper.conversationId();
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("SELECT seq, sender, client_msg_id, reply_to_seq FROM messages WHERE conversation_id = $1 "
      + "ORDER BY seq").execute(Tuple.of(conversationId)).await(10, TimeUnit.SECONDS).forEach(rows::add);
    String who = shopper.describe();

    List<Integer> seqs = rows.stream().map(r -> r.getInteger("seq")).toList();
    assertEquals(IntStream.rangeClosed(1, rows.size()).boxed().toList(), seqs, "seqs gap-free from 1: " + who);

    List<String> storedIds = new ArrayList<>();
    Map<String, Integer> storedSeq = new HashMap<>();
    Map<Integer, Integer> repliesPerSeq = new HashMap<>();
    int bot = 0;
    for (Row r : rows) {
      if ("shopper".equals(r.getString("sender"))) {
        storedIds.add(r.getString("client_msg_id"));
        storedSeq.put(r.getString("client_msg_id"), r.getInteger("seq"));
      } else if ("bot".equals(r.getString("sender"))) {
        bot++;
        repliesPerSeq.merge(r.getInteger("reply_to_seq"), 1, Integer::sum);
      }
    }
    assertEquals(shopper.sent(), storedIds, "every message stored once, in typing order: " + who);
    for (Map.Entry<String, Integer> e : storedSeq.entrySet()) {
      assertEquals(1, repliesPerSeq.getOrDefault(e.getValue(), 0),
        "one bot reply to " + e.getKey() + " (seq " + e.getValue() + "): " + who);
    }
    assertEquals(storedSeq, shopper.echoed(), "each echo carried its stored seq: " + who);
    assertEquals(seqs, shopper.shown().stream().sorted().toList(), "shown every stored message once: " + who);
    assertTrue(shopper.violations().isEmpty(), "protocol kept: " + shopper.violations());
    return new Counts(shopper.sent().size(), shopper.echoed().size(), storedIds.size(), bot, rows.size(),
      shopper.shown().size());
  }
}
