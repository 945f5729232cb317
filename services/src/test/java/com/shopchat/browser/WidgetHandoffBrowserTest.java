package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.AdminClient;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Human handoff as the shopper sees it in the widget (docs/handoff.md), in Debian's headless chromium on the demo
 * shop page: waiting with nobody online and leaving an email, an agent (over the real REST API and live channel)
 * taking the chat, talking and typing both ways, closing it, and the shopper rating the chat.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Human handoff in the chat widget")
class WidgetHandoffBrowserTest {

  private static final String PASSWORD = "a long enough staff password";
  private static final String DANA = "dana@shop.test";
  private static final String XSS = "<img src=x onerror=window.__xss=1>";
  private static final LocatorAssertions.HasTextOptions SLOW_TEXT =
    new LocatorAssertions.HasTextOptions().setTimeout(15_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_CONTAINS =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static final LocatorAssertions.HasAttributeOptions SLOW_ATTRIBUTE =
    new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
  private static TestServer server;
  private static String baseUrl;
  private static Chromium.Session chrome;
  private static Browser browser;
  private BrowserContext context;
  private Page page;
  private final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    baseUrl = "http://127.0.0.1:" + server.port();
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher());
    accounts.create(DANA, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    exec("UPDATE staff_users SET display_name = 'Dana' WHERE email = $1", DANA);
    chrome = Chromium.Session.start();
    browser = chrome.browser();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  /** Every test starts with nobody online, nothing waiting, and Dana taking one chat at a time. */
  @BeforeEach
  void openPage() throws Exception {
    exec("UPDATE handoffs SET state = 'ended', ended_at = now(), ended_how = 'closed' WHERE state <> 'ended'");
    exec("UPDATE staff_users SET presence = 'offline'");
    exec("UPDATE staff_users SET max_chats = 1 WHERE email = $1", DANA);
    context = browser.newContext();
    page = context.newPage();
    Chromium.collectErrors(page, consoleErrors);
    page.navigate(baseUrl + "/");
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  private static void exec(String update, Object... params) throws Exception {
    server.count("WITH changed AS (" + update + " RETURNING 1) SELECT count(*) FROM changed", params);
  }

  private void openChat() {
    Locator panel = page.getByTestId("shopchat-panel");
    if (!panel.isVisible()) {
      page.getByTestId("shopchat-launcher").click();
    }
    assertThat(panel).isVisible();
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online", SLOW_ATTRIBUTE);
  }

  private void say(String text) {
    page.getByTestId("shopchat-input").fill(text);
    page.getByTestId("shopchat-send").click();
  }

  private Locator messages(String from) {
    return page.locator("[data-testid=shopchat-message][data-from=" + from + "]");
  }

  private Locator strip() {
    return page.getByTestId("shopchat-handoff");
  }

  private String conversationId() {
    return (String) page.evaluate("() => localStorage.getItem('shopchat.conversationId')");
  }

  /** The agent console's live channel, opened with Dana's session: she is online, and routing gives her chats. */
  private static ChatClient console(Vertx vertx, AdminClient agent) throws Exception {
    return ChatClient.connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
      .setURI("/api/agent/ws").addHeader("Cookie", agent.cookie()).addHeader("Origin", baseUrl));
  }

  private static void ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
  }

  @Test
  @DisplayName("queued with nobody online, email left; an agent takes the chat, talks and types; the close is rated")
  void handoffFromQueueToRating(Vertx vertx) throws Exception {
    openChat();
    say("I want to talk to a person");
    assertThat(strip()).hasAttribute("data-state", "queued", SLOW_ATTRIBUTE);
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText(
      "No one from our team is online right now. Leave your email and we’ll write back.");
    String conversation = conversationId();

    // A bad address is refused with the server's reason; a good one is confirmed and stored.
    page.getByTestId("shopchat-contact-email").fill("<script>@x");
    page.getByTestId("shopchat-contact-send").click();
    assertThat(page.getByTestId("shopchat-contact-result")).hasText("'email' must be an email address", SLOW_TEXT);
    assertThat(page.getByTestId("shopchat-contact")).isVisible();
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-handoff-queued.png")));
    page.getByTestId("shopchat-contact-email").fill("anna@example.com");
    page.getByTestId("shopchat-contact-send").click();
    assertThat(page.getByTestId("shopchat-contact-result")).hasText("Thanks — we’ll write back to you by email.",
      SLOW_TEXT);
    assertThat(page.getByTestId("shopchat-contact")).isHidden();
    assertEquals("anna@example.com", server.string(
      "SELECT contact_email FROM handoffs WHERE conversation_id = $1 AND state = 'queued'", conversation));

    // In Chinese (a new socket: the server tells the state again after the replay), then back.
    page.evaluate("() => window.ShopChat.setLocale('zh')");
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText("现在没有客服在线。留下你的邮箱，我们会尽快回复你。");
    assertThat(page.getByTestId("shopchat-contact-result")).hasText("谢谢！我们会通过邮件回复你。", SLOW_TEXT);
    page.evaluate("() => window.ShopChat.setLocale('en')");
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online", SLOW_ATTRIBUTE);
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText(
      "No one from our team is online right now. Leave your email and we’ll write back.");

    AdminClient dana = new AdminClient(vertx, server.port()).loggedIn(DANA, PASSWORD);
    try (ChatClient danaConsole = console(vertx, dana)) {
      // Dana comes online and routing gives her the chat.
      JsonObject assigned = danaConsole.await(f -> "assigned".equals(f.getString("type")));
      assertEquals(conversation, assigned.getJsonObject("handoff").getString("conversationId"));
      assertThat(strip()).hasAttribute("data-state", "assigned", SLOW_ATTRIBUTE);
      assertThat(page.getByTestId("shopchat-handoff-text")).hasText("You’re chatting with Dana");
      danaConsole.send(new JsonObject().put("type", "watch").put("conversationId", conversation));
      danaConsole.await(f -> "watching".equals(f.getString("type")));

      // Her message is shown as text under her name, markup and all.
      String text = "Hi, I'm Dana. " + XSS + " How can I help?";
      ok(dana.post("/api/agent/conversations/" + conversation + "/messages",
        new JsonObject().put("clientMsgId", "a-1").put("text", text)), 201);
      Locator agentMessage = messages("agent").last();
      assertThat(agentMessage.getByTestId("shopchat-message-text")).hasText(text, SLOW_TEXT);
      assertThat(agentMessage.getByTestId("shopchat-agent-name")).hasText("Dana");
      assertEquals(0, page.locator("[data-testid=shopchat-panel] img[src=x]").count());
      assertNull(page.evaluate("() => window.__xss ?? null"));

      // A reload keeps the conversation and the strip (told again after the replay).
      page.reload();
      openChat();
      assertThat(page.getByTestId("shopchat-handoff-text")).hasText("You’re chatting with Dana", SLOW_TEXT);
      assertThat(messages("agent").last().getByTestId("shopchat-message-text")).hasText(text);

      // The shopper's typing reaches Dana; the reply is stored as the shopper's, and the bot stays silent.
      page.getByTestId("shopchat-input").fill("It's order MT-100002");
      danaConsole.await(f -> "typing".equals(f.getString("type")) && "shopper".equals(f.getString("from"))
        && conversation.equals(f.getString("conversationId")));
      page.getByTestId("shopchat-send").click();
      JsonObject reply = danaConsole.awaitMessage("shopper");
      assertEquals("It's order MT-100002", reply.getString("text"));
      assertThat(messages("shopper").last()).hasAttribute("data-seq", String.valueOf(reply.getInteger("seq")));
      assertEquals("shopper", server.string("SELECT sender FROM messages WHERE conversation_id = $1 AND seq = $2",
        conversation, reply.getInteger("seq")));

      // Dana types: the shopper sees who.
      ok(dana.post("/api/agent/conversations/" + conversation + "/typing", null), 204);
      assertThat(page.getByTestId("shopchat-typing")).isVisible();
      assertThat(page.getByTestId("shopchat-typing-label")).hasText("Dana is typing…");

      // She closes the chat: back with the assistant, and asked for a rating.
      ok(dana.post("/api/agent/conversations/" + conversation + "/close", null), 200);
      assertThat(strip()).hasAttribute("data-state", "ended", SLOW_ATTRIBUTE);
      assertThat(page.getByTestId("shopchat-handoff-text")).hasText("You’re back with the assistant");
      assertThat(page.getByTestId("shopchat-typing")).isHidden();
      Locator card = page.getByTestId("shopchat-rating");
      assertThat(card).isVisible();
      assertThat(page.getByTestId("shopchat-rating-title")).hasText("How was your chat with Dana?");
      assertThat(page.getByTestId("shopchat-rating-send")).isDisabled();
      page.locator("[data-testid=shopchat-rating-star][data-value='4']").click();
      assertThat(page.locator("[data-testid=shopchat-rating-star][data-value='4']"))
        .hasAttribute("aria-pressed", "true");
      page.getByTestId("shopchat-rating-comment").fill("Dana sorted it out quickly");
      page.getByTestId("shopchat-rating-send").click();
      assertThat(page.getByTestId("shopchat-rating-thanks")).hasText("Thanks for your feedback", SLOW_TEXT);
      assertThat(page.getByTestId("shopchat-rating-send")).isHidden();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-handoff.png")));

      assertEquals("4:Dana sorted it out quickly", server.string(
        "SELECT rating || ':' || comment FROM satisfaction_ratings WHERE conversation_id = $1", conversation));
      assertEquals(0, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'bot'"
        + " AND seq > $2", conversation, reply.getInteger("seq")), "no bot reply while Dana held the chat");
    }
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }

  @Test
  @DisplayName("with an agent online but busy: the place in line and the expected wait; claimed, then handed back to the bot")
  void placeInLineThenHandedBack(Vertx vertx) throws Exception {
    // Dana already holds another chat (her one at a time), which waited three minutes, as every past chat did.
    exec("INSERT INTO visitors (id) VALUES ('v-seed') ON CONFLICT DO NOTHING");
    exec("INSERT INTO conversations (id, visitor_id) VALUES ('c-seed', 'v-seed') ON CONFLICT DO NOTHING");
    exec("INSERT INTO handoffs (conversation_id, state, reason, locale, agent_id, requested_at, assigned_at)"
      + " SELECT 'c-seed', 'assigned', 'shopper_asked', 'en', id, now() - interval '10 minutes',"
      + " now() - interval '7 minutes' FROM staff_users WHERE email = $1", DANA);
    exec("UPDATE handoffs SET requested_at = assigned_at - interval '3 minutes' WHERE assigned_at IS NOT NULL");
    // She is online (her presence over REST, no console) without room: the shopper waits, first of one agent's line.
    AdminClient dana = new AdminClient(vertx, server.port()).loggedIn(DANA, PASSWORD);
    ok(dana.post("/api/agent/presence", new JsonObject().put("status", "online")), 200);

    openChat();
    say("can I talk to a person please");
    assertThat(strip()).hasAttribute("data-state", "queued", SLOW_ATTRIBUTE);
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText(
      "Waiting for a person — you are number 1 in line (about 3 min)");
    assertThat(page.getByTestId("shopchat-contact")).isHidden();
    String conversation = conversationId();

    ok(dana.post("/api/agent/conversations/" + conversation + "/claim", null), 200);
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText("You’re chatting with Dana", SLOW_TEXT);
    ok(dana.post("/api/agent/conversations/" + conversation + "/handback", null), 200);
    assertThat(page.getByTestId("shopchat-handoff-text")).hasText("You’re back with the assistant", SLOW_TEXT);
    assertThat(page.getByTestId("shopchat-rating")).isHidden();

    // The bot answers again.
    int botBefore = messages("bot").count();
    say("how long does delivery take?");
    assertThat(messages("bot")).hasCount(botBefore + 1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
    assertThat(messages("bot").last()).containsText("working days", SLOW_CONTAINS);
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }
}
