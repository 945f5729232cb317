package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.nlu.model.SharedIntentFixture;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin console's NLU inbox in headless chromium against the real server (the tiny fixture model serving): each
 * message is reviewed with one keystroke — a digit picks from the model's ranking, {@code o} marks it out of scope,
 * {@code /} types an intent — and the review is stored; messages show as typed.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The NLU inbox of the admin console")
class LearningConsoleBrowserTest {

  private static final String ADMIN = "learning-console-admin@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String XSS_TEXT = "<img src=x onerror=\"window.__xss=1\">where is my stuff";
  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  @TempDir
  static Path modelDir;
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    SharedIntentFixture.model().save(modelDir);
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD,
      "NLU_MODEL_DIR", modelDir.toString()));
    chrome = Chromium.Session.start();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  /** Queues a message as the inbox capture would, in a real conversation: ranked track_order, get_refund, thanks. */
  private static void queue(String conversationId, int seq, String text) throws Exception {
    JsonArray ranking = new JsonArray()
      .add(new JsonObject().put("intent", "track_order").put("confidence", 0.41))
      .add(new JsonObject().put("intent", "get_refund").put("confidence", 0.32))
      .add(new JsonObject().put("intent", "thanks").put("confidence", 0.12));
    server.pool().preparedQuery("INSERT INTO nlu_inbox (conversation_id, seq, text, locale, intent, confidence, "
        + "ranking, model_version, reasons, unanswered) VALUES ($1, $2, $3, 'en', 'track_order', 0.41, $4, 'v', "
        + "'{low_confidence,clarification}', true)")
      .execute(Tuple.of(conversationId, seq, text, ranking)).await(10, TimeUnit.SECONDS);
  }

  private static void eventually(Vertx vertx, String what, Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!check.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      vertx.timer(50).await(1, TimeUnit.SECONDS);
    }
  }

  private static String reviewed(String text) throws Exception {
    return server.string("SELECT reviewed_intent FROM nlu_inbox WHERE text = $1", text);
  }

  @Test
  @DisplayName("a digit picks the second intent of the ranking, o marks out of scope, / types an intent: one "
    + "keystroke per message, each stored, the text shown as typed")
  void reviewWithKeystrokes(Vertx vertx) throws Exception {
    String conversation;
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      conversation = shopper.hello("v-learning-console", null, null, "en").getString("conversationId");
    }
    queue(conversation, 101, XSS_TEXT);
    queue(conversation, 102, "can I pay with seashells");
    queue(conversation, 103, "cheers mate");
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      Page admin = Chromium.adminSignIn(context, server.port(), ADMIN, PASSWORD, errors);
      Locator items = admin.getByTestId("learning-item");
      assertThat(items).hasCount(3, SLOW_COUNT);
      assertThat(items.first().getByTestId("learning-item-text")).hasText(XSS_TEXT);
      assertThat(items.first()).containsText("2 get_refund 32%");
      assertThat(items.first()).hasAttribute("aria-selected", "true");

      Locator inbox = admin.getByTestId("learning-inbox");
      inbox.focus();
      inbox.press("2");
      assertThat(items).hasCount(2, SLOW_COUNT);
      assertEquals("get_refund", reviewed(XSS_TEXT));
      assertThat(admin.getByTestId("learning-status")).containsText("is get_refund");

      inbox.press("o");
      assertThat(items).hasCount(1, SLOW_COUNT);
      assertEquals("oos", reviewed("can I pay with seashells"));

      inbox.press("/");
      admin.getByTestId("learning-typed-intent").fill("thanks");
      admin.getByTestId("learning-typed-intent").press("Enter");
      assertThat(items).hasCount(0, SLOW_COUNT);
      eventually(vertx, "the typed intent stored", () -> "thanks".equals(reviewed("cheers mate")));
      assertThat(admin.getByTestId("learning-pending")).hasText("Nothing to review.");
      assertEquals(null, admin.evaluate("() => window.__xss"));
    }
    assertEquals(List.of(), errors);
  }
}
