package com.shopchat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.nlu.serve.MicroBatcher;
import com.shopchat.store.KnowledgeRecord;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prometheus metrics at GET /metrics")
class MetricsTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  // A label value is a name from a fixed set: a route template, an intent, a stage, a status code, …
  private static final Pattern BOUNDED_VALUE = Pattern.compile("[A-Za-z0-9_./:*>+ -]{0,80}");

  private static Vertx vertx;
  private static PrometheusMeterRegistry registry;
  private static TestServer server;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    // Built as Main builds it, so Vert.x's own meters land in the registry /metrics scrapes.
    registry = Prometheus.registry();
    vertx = Prometheus.vertx(new VertxOptions(), registry);
    server = TestServer.start(vertx, Map.of(), registry);
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    server.stop(vertx);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(server.port(), "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
  }

  private static PrometheusText scrape() throws Exception {
    HttpResponse<Buffer> response = get("/metrics");
    assertEquals(200, response.statusCode());
    return new PrometheusText(response.bodyAsString());
  }

  /** Scrapes until {@code wanted} holds, within {@link #BOUND}; returns that scrape. */
  private static PrometheusText scrapeUntil(Predicate<PrometheusText> wanted) throws Exception {
    long deadline = System.nanoTime() + BOUND.toNanos();
    PrometheusText text = scrape();
    while (!wanted.test(text) && System.nanoTime() < deadline) {
      vertx.timer(50).await(1, TimeUnit.SECONDS);
      text = scrape();
    }
    return text;
  }

  @Test
  @DisplayName("after a scripted conversation, shows its turns by stage, its intents, the handoff and the open socket, then the socket closed")
  void conversationShowsUp() throws Exception {
    String visitorId = "v-" + UUID.randomUUID();
    String marker = "zqx" + UUID.randomUUID().toString().substring(0, 8);
    String conversationId;
    try (ChatClient client = ChatClient.connect(vertx, server.port())) {
      conversationId = client.hello(visitorId, null, null, "en").getString("conversationId");
      PrometheusText connected = scrapeUntil(t -> Double.valueOf(1).equals(t.value("shopchat_connections_open",
        "kind", "shopper")));
      assertEquals(1.0, connected.value("shopchat_connections_open", "kind", "shopper"));
      assertEquals(0.0, connected.value("shopchat_connections_open", "kind", "agent"));

      client.say("m-1", "hi");
      client.awaitMessage("bot");
      client.say("m-2", "How long does delivery take? " + marker);
      client.awaitMessage("bot");
      client.say("m-3", "I want to talk to a real person " + marker);
      client.awaitMessage("bot");
    }
    PrometheusText text = scrapeUntil(t -> Double.valueOf(0).equals(t.value("shopchat_connections_open",
      "kind", "shopper")) && t.sum("shopchat_handoffs_total") >= 1);
    assertEquals(0.0, text.value("shopchat_connections_open", "kind", "shopper"));
    assertTrue(text.value("shopchat_bot_turn_duration_seconds_count", "stage", "total") >= 3, "three turns timed");
    for (String stage : List.of("nlu", "dialogue", "database")) {
      assertTrue(text.value("shopchat_bot_turn_duration_seconds_count", "stage", stage) >= 3, stage);
    }
    assertTrue(text.value("shopchat_bot_turn_duration_seconds_count", "stage", "kb") >= 1, "the KB was searched");
    assertNotNull(text.value("shopchat_bot_turn_duration_seconds_count", "stage", "recommendations"));
    assertTrue(text.value("shopchat_bot_turn_duration_seconds_bucket", "stage", "total", "le", "+Inf") >= 3);
    assertTrue(text.value("shopchat_nlu_intents_total", "intent", "greeting") >= 1);
    assertTrue(text.value("shopchat_nlu_intents_total", "intent", "human") >= 1);
    assertEquals(1.0, text.value("shopchat_handoffs_total", "reason", "shopper_asked"));
    assertNotNull(text.value("shopchat_bot_fallbacks_total"));
    assertNoneContains(text, marker, conversationId, visitorId);
  }

  @Test
  @DisplayName("shows Vert.x's HTTP meters labelled by route template, never by a path with an id in it")
  void httpByRoute() throws Exception {
    String id = "c-" + UUID.randomUUID().toString().substring(0, 12);
    assertEquals(200, get("/api/products").statusCode());
    assertEquals(404, get("/api/orders/" + id).statusCode());
    PrometheusText text = scrapeUntil(t -> t.sum("vertx_http_server_requests_total", "route", "/api/products") >= 1);
    assertTrue(text.sum("vertx_http_server_requests_total", "route", "/api/products", "code", "200") >= 1);
    assertTrue(text.sum("vertx_http_server_response_time_seconds_bucket", "route", "/api/products", "le", "+Inf") >= 1,
      "HTTP latency as a histogram");
    assertNoneContains(text, id);
    for (PrometheusText.Sample s : text.samples()) {
      assertFalse(s.labels().containsKey("path"), "no path label: " + s);
      assertFalse(s.labels().containsKey("remote"), "no remote label: " + s);
      assertFalse(s.labels().containsKey("address"), "no event-bus address label: " + s);
    }
  }

  @Test
  @DisplayName("shows the database pool, the event bus and the knowledge index's refresh lag after a publish")
  void poolEventBusAndRefreshLag() throws Exception {
    KnowledgeEntry entry = new KnowledgeEntry("metrics-lag", "en", "Gift wrapping",
      List.of("do you gift wrap?"), "Yes, for 3 euros.", List.of(), "orders");
    server.app().knowledge().apply(List.of(new KnowledgeRecord(entry, KnowledgeRecord.PUBLISHED, 1,
      OffsetDateTime.now()))).await(10, TimeUnit.SECONDS);
    PrometheusText text = scrape();
    assertEquals(1.0, text.value("shopchat_kb_refresh_lag_seconds_count"));
    assertTrue(text.value("shopchat_db_pool_connections") >= 1, "the pool holds a connection");
    assertNotNull(text.value("vertx_pool_in_use", "pool_name", "shopchat"), "Vert.x's meters of the PostgreSQL pool");
    assertNotNull(text.value("vertx_pool_queue_pending", "pool_name", "shopchat"));
    assertTrue(text.has("vertx_eventbus_reply_failures_total") || text.has("vertx_eventbus_published_total"),
      "Vert.x's event-bus meters");
  }

  @Test
  @DisplayName("records each NLU micro-batch's size and how long each of its utterances waited in the queue")
  void batchSizesAndQueueWait() throws Exception {
    PrometheusMeterRegistry own = Prometheus.registry();
    Metrics metrics = new Metrics(own);
    MicroBatcher<String, String> batcher = MicroBatcher.create(vertx, new MicroBatcher.Options(4, 20, 100, 1),
      () -> inputs -> inputs.stream().map(String::toUpperCase).toList(), metrics);
    try {
      List<Future<String>> parsed = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        parsed.add(batcher.submit("utterance " + i));
      }
      Future.all(parsed).await(10, TimeUnit.SECONDS);
    } finally {
      batcher.close();
    }
    PrometheusText text = new PrometheusText(own.scrape());
    assertEquals(10.0, text.value("shopchat_nlu_batch_size_sum"), "every utterance in one batch");
    assertTrue(text.value("shopchat_nlu_batch_size_count") >= 3, "batches of at most 4");
    assertEquals(0.0, text.value("shopchat_nlu_batch_size_bucket", "le", "4.0") - text.value(
      "shopchat_nlu_batch_size_count"), "none over 4");
    assertEquals(10.0, text.value("shopchat_nlu_queue_wait_seconds_count"));
  }

  private static void assertNoneContains(PrometheusText text, String... secrets) {
    for (PrometheusText.Sample s : text.samples()) {
      for (String value : s.labels().values()) {
        // The JVM's own meters name memory pools in words ("mapped - 'non-volatile memory'"): fixed, but not ours.
        assertTrue(s.name().startsWith("jvm_") || BOUNDED_VALUE.matcher(value).matches(),
          "unbounded-looking label value in " + s);
        for (String secret : secrets) {
          assertFalse(value.contains(secret), secret + " in a label of " + s);
        }
      }
    }
  }
}
