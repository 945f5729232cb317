package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.store.StaffRepository;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent console (webroot/agent/) in Debian's headless chromium against the real server and PostgreSQL, with a
 * shopper on the demo shop page in another browser context: a shopper asks for a person, the request shows up live
 * in two agents' queues, one claims it (the other's item goes away), the agent reads the transcript with the bot's
 * intent, answers (markup stays text on both sides), sees the shopper type and write, takes a note and closes; the
 * shopper is asked for a rating. Also: a claim race between two agents, a chat routed to an online agent with its
 * notification and unread badge, replies resent with the same clientMsgId after network failures, and the console
 * without a session.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The agent console")
class AgentConsoleBrowserTest {

  private static final String PASSWORD = "a long agent console password";
  /** The demo's combination: an admin who also answers chats. */
  private static final String DANA = "dana.boss@shop.example";
  private static final String SAM = "sam.agent@shop.example";
  private static final String XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>"
    + "Your refund is <b>approved</b>";
  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static final LocatorAssertions.HasAttributeOptions SLOW_ATTRIBUTE =
    new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
  private static TestServer server;
  private static String baseUrl;
  private static Chromium.Session chrome;
  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  /**
   * Failed requests a test expects, as "what the message says|the request's path" (the browser logs each as a console
   * error); a first visit without a session asks /api/auth/me and is told 401.
   */
  private final List<String> expectedFailures = new ArrayList<>(List.of("status of 401|/api/auth/me"));

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", "first-admin@shop.example", "ADMIN_PASSWORD", PASSWORD));
    baseUrl = "http://127.0.0.1:" + server.port();
    StaffAccounts accounts = new StaffAccounts(vertx, new StaffRepository(server.pool()), new PasswordHasher());
    accounts.create(DANA, PASSWORD, List.of("admin", "agent")).await(30, TimeUnit.SECONDS);
    accounts.create(SAM, PASSWORD, List.of("agent")).await(30, TimeUnit.SECONDS);
    exec("UPDATE staff_users SET display_name = 'Dana' WHERE email = $1", DANA);
    exec("UPDATE staff_users SET display_name = 'Sam' WHERE email = $1", SAM);
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

  /** Every test starts with nobody online and nothing waiting. */
  @BeforeEach
  void reset() throws Exception {
    exec("UPDATE handoffs SET state = 'ended', ended_at = now(), ended_how = 'closed' WHERE state <> 'ended'");
    exec("UPDATE staff_users SET presence = 'offline'");
  }

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    assertTrue(errors.isEmpty(), "no console errors: " + errors);
  }

  private static void exec(String update, Object... params) throws Exception {
    server.count("WITH changed AS (" + update + " RETURNING 1) SELECT count(*) FROM changed", params);
  }

  private BrowserContext context() {
    BrowserContext context = browser.newContext();
    contexts.add(context);
    return context;
  }

  private void collect(Page page) {
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) && !expected(m)) {
        errors.add(m.text() + " at " + m.location());
      }
    });
    page.onPageError(errors::add);
    page.onDialog(dialog -> {
      errors.add("a dialog: " + dialog.message());
      dialog.dismiss();
    });
  }

  private boolean expected(ConsoleMessage m) {
    return expectedFailures.stream().anyMatch(f -> {
      String[] textAndPath = f.split("\\|", 2);
      return m.text().contains(textAndPath[0]) && m.location().contains(textAndPath[1]);
    });
  }

  private Page open(BrowserContext context, String path) {
    Page page = context.newPage();
    collect(page);
    page.navigate(baseUrl + path);
    return page;
  }

  /** An agent's console, signed in, its live channel open. */
  private Page agentConsole(String email) {
    Page page = open(context(), "/agent");
    assertThat(page.getByTestId("agent-signin")).isVisible();
    page.getByTestId("agent-email").fill(email);
    page.getByTestId("agent-password").fill(PASSWORD);
    page.getByTestId("agent-signin-submit").click();
    assertThat(page.getByTestId("agent-console")).isVisible();
    assertThat(page.getByTestId("agent-user")).hasText("Signed in as " + email);
    assertThat(page.getByTestId("agent-live")).hasAttribute("data-state", "open", SLOW_ATTRIBUTE);
    // Opening the live channel made the agent online (as the server stored it).
    assertThat(page.getByTestId("agent-presence")).hasAttribute("data-presence", "online", SLOW_ATTRIBUTE);
    return page;
  }

  /** Away: the agent gets no chats routed, and so the queue keeps what arrives. */
  private static void away(Page agent) {
    agent.getByTestId("agent-presence").selectOption("away");
    assertThat(agent.getByTestId("agent-presence")).hasAttribute("data-presence", "away", SLOW_ATTRIBUTE);
    assertThat(agent.getByTestId("agent-presence-hint")).containsText("You are away");
  }

  /** The demo shop page with its chat open; the frames the widget receives go into {@code frames}. */
  private Page shopper(List<String> frames) {
    Page page = context().newPage();
    collect(page);
    page.onWebSocket(ws -> ws.onFrameReceived(frame -> frames.add(frame.text())));
    page.navigate(baseUrl + "/");
    page.getByTestId("shopchat-launcher").click();
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online", SLOW_ATTRIBUTE);
    return page;
  }

  private static void ask(Page shop, String text) {
    shop.getByTestId("shopchat-input").fill(text);
    shop.getByTestId("shopchat-send").click();
  }

  private static Locator widgetMessages(Page shop, String from) {
    return shop.locator("[data-testid=shopchat-message][data-from=" + from + "]");
  }

  private static Locator consoleMessages(Page agent, String from) {
    return agent.locator("[data-testid=agent-message][data-from=" + from + "]");
  }

  /** A shopper over a plain websocket who asked for a person; returns the conversation id. */
  private static String askForPerson(ChatClient shopper) throws Exception {
    String conversation = shopper.hello("v-" + UUID.randomUUID(), null, null, "en").getString("conversationId");
    shopper.send(new JsonObject().put("type", "message").put("clientMsgId", "m-human").put("text", "Talk to a person")
      .put("payload", "/human"));
    shopper.awaitMessage("bot");
    return conversation;
  }

  @Test
  @DisplayName("a whole handoff: queued live in two consoles, claimed by one (gone from the other), transcript with "
    + "the bot's intent, replies both ways with markup as text, typing, a note, close and a rating request")
  void wholeConversation() throws Exception {
    Page dana = agentConsole(DANA);
    away(dana);
    Page sam = agentConsole(SAM);
    away(sam);
    Page danaAgain = open(dana.context(), "/agent/");
    assertThat(danaAgain.getByTestId("agent-console")).isVisible();
    assertThat(danaAgain.getByTestId("agent-live")).hasAttribute("data-state", "open", SLOW_ATTRIBUTE);

    List<String> shopperFrames = new CopyOnWriteArrayList<>();
    Page shop = shopper(shopperFrames);
    ask(shop, "talk to a person");
    assertThat(widgetMessages(shop, "bot")).hasCount(1, SLOW_COUNT);

    // The request shows up in both agents' queues without a reload.
    Locator item = dana.getByTestId("agent-queue-item");
    assertThat(item).hasCount(1, SLOW_COUNT);
    assertThat(item).hasAttribute("data-reason", "shopper_asked");
    assertThat(item.getByTestId("agent-queue-reason")).hasText("Asked for a person");
    assertThat(item.getByTestId("agent-queue-facts")).hasText("priority 0 · English");
    assertThat(item.getByTestId("agent-queue-waiting")).containsText("waiting");
    assertThat(sam.getByTestId("agent-queue-item")).hasCount(1, SLOW_COUNT);
    assertThat(danaAgain.getByTestId("agent-queue-item")).hasCount(1, SLOW_COUNT);
    String conversation = item.getAttribute("data-conversation-id");
    assertNotNull(conversation);

    item.getByTestId("agent-claim").click();
    // Gone from the other agent's queue, and from the queue in Dana's other tab, where it is now one of her chats.
    assertThat(sam.getByTestId("agent-queue-item")).hasCount(0, SLOW_COUNT);
    assertThat(sam.getByTestId("agent-queue-empty")).isVisible();
    assertThat(dana.getByTestId("agent-queue-item")).hasCount(0);
    assertThat(dana.getByTestId("agent-mine-item")).hasCount(1);
    assertThat(danaAgain.getByTestId("agent-queue-item")).hasCount(0, SLOW_COUNT);
    assertThat(danaAgain.getByTestId("agent-mine-item")).hasCount(1, SLOW_COUNT);
    assertThat(sam.getByTestId("agent-mine-item")).hasCount(0);

    // The transcript, the bot's understanding, why a person was asked for, who the shopper is.
    assertThat(dana.getByTestId("agent-conv")).isVisible();
    assertThat(dana.getByTestId("agent-conv")).hasAttribute("data-live", "true", SLOW_ATTRIBUTE);
    assertThat(dana.getByTestId("agent-conv-handoff")).hasAttribute("data-state", "assigned", SLOW_ATTRIBUTE);
    assertThat(dana.getByTestId("agent-conv-handoff")).hasAttribute("data-reason", "shopper_asked");
    assertThat(dana.getByTestId("agent-conv-handoff")).containsText("Asked for a person");
    assertThat(consoleMessages(dana, "shopper").first().getByTestId("agent-message-text")).hasText("talk to a person");
    Locator intent = consoleMessages(dana, "bot").first().getByTestId("agent-message-intent");
    assertThat(intent).hasAttribute("data-intent", "human");
    assertThat(intent).containsText("confidence");
    assertThat(dana.getByTestId("agent-profile-name")).hasText("Anonymous visitor");
    assertThat(dana.getByTestId("agent-profile-language")).hasText("English");
    assertThat(dana.getByTestId("agent-reply-input")).isEnabled();

    // A canned greeting: no name known ("there"), the agent's name as shoppers see it.
    dana.getByTestId("agent-canned").selectOption("greeting");
    assertThat(dana.getByTestId("agent-reply-input"))
      .hasValue("Hi there, I'm Dana from Maple & Thread. Thanks for waiting. How can I help you today?");
    dana.getByTestId("agent-reply-send").click();
    assertThat(widgetMessages(shop, "agent")).hasCount(1, SLOW_COUNT);
    assertThat(widgetMessages(shop, "agent").first()).containsText("Hi there, I'm Dana");

    // Markup an agent types is text on both sides.
    dana.getByTestId("agent-reply-input").fill(XSS);
    dana.getByTestId("agent-reply-input").press("Enter");
    assertThat(widgetMessages(shop, "agent")).hasCount(2, SLOW_COUNT);
    assertThat(widgetMessages(shop, "agent").last().getByTestId("shopchat-message-text")).hasText(XSS);
    assertThat(consoleMessages(dana, "agent")).hasCount(2);
    assertThat(consoleMessages(dana, "agent").last().getByTestId("agent-message-text")).hasText(XSS);
    assertThat(dana.locator("[data-testid=agent-message][data-pending=true]")).hasCount(0);
    assertThat(dana.getByTestId("agent-reply-input")).hasValue("");
    assertEquals(2, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND sender = 'agent'",
      conversation));

    // The shopper types (the agent sees it) and writes (live, with the order number picked out).
    shop.getByTestId("shopchat-input").fill("my order MT-100002 has not arrived, how long does delivery take?");
    assertThat(dana.getByTestId("agent-typing")).isVisible();
    shop.getByTestId("shopchat-send").click();
    assertThat(consoleMessages(dana, "shopper")).hasCount(2, SLOW_COUNT);
    assertThat(consoleMessages(dana, "shopper").last()).containsText("MT-100002");
    assertThat(dana.getByTestId("agent-typing")).isHidden();
    Locator entity = consoleMessages(dana, "shopper").last().getByTestId("agent-message-entity");
    assertThat(entity.first()).hasAttribute("data-type", "order_id", SLOW_ATTRIBUTE);
    assertThat(entity.first()).containsText("MT-100002");
    assertThat(widgetMessages(shop, "bot")).hasCount(1);

    // {order} is the order the shopper named.
    dana.getByTestId("agent-canned").selectOption("checking-order");
    assertThat(dana.getByTestId("agent-reply-input"))
      .hasValue("Thank you! I'm looking at order MT-100002 now; this will take a moment.");
    dana.getByTestId("agent-reply-input").fill("");
    // A knowledge-base answer to the shopper's last message goes into the reply box as it is.
    Locator suggestion = dana.getByTestId("agent-suggestion").first();
    assertThat(suggestion).isVisible();
    String answer = suggestion.getByTestId("agent-suggestion-answer").textContent();
    suggestion.getByTestId("agent-suggestion-insert").click();
    assertThat(dana.getByTestId("agent-reply-input")).hasValue(answer);
    dana.getByTestId("agent-reply-input").fill("");

    // An internal note: listed, stored, never shown to the shopper.
    String note = "Waits for <b>MT-100002</b>; ask the warehouse";
    dana.getByTestId("agent-note-input").fill(note);
    dana.getByTestId("agent-note-add").click();
    assertThat(dana.getByTestId("agent-note")).hasCount(1);
    assertThat(dana.getByTestId("agent-note-text")).hasText(note);
    assertThat(dana.getByTestId("agent-note-author")).hasText("Dana");
    assertEquals(1, server.count("SELECT count(*) FROM agent_notes WHERE conversation_id = $1", conversation));

    for (Page p : List.of(dana, shop)) {
      assertEquals(null, p.evaluate("() => window.__xss ?? null"), "no injected script ran");
      assertEquals(0, p.locator("img[src=x], [data-testid=agent-transcript] b, [data-testid=shopchat-messages] b")
        .count());
    }
    assertEquals(0, shop.getByText("ask the warehouse").count());
    dana.screenshot(new Page.ScreenshotOptions().setFullPage(true)
      .setPath(Path.of("target", "screenshots", "agent-console.png")));

    dana.getByTestId("agent-close").click();
    assertThat(dana.getByTestId("agent-conv-status")).containsText("Closed", SLOW_TEXT);
    assertThat(dana.getByTestId("agent-mine-item")).hasCount(0, SLOW_COUNT);
    assertThat(danaAgain.getByTestId("agent-mine-item")).hasCount(0, SLOW_COUNT);
    assertThat(dana.getByTestId("agent-conv-handoff")).hasAttribute("data-state", "ended");
    assertThat(dana.getByTestId("agent-reply-input")).isDisabled();
    assertEquals("closed", server.string("SELECT status FROM conversations WHERE id = $1", conversation));
    assertEquals("closed", server.string("SELECT ended_how FROM handoffs WHERE conversation_id = $1", conversation));
    shop.waitForCondition(() -> shopperFrames.stream().map(JsonObject::new).anyMatch(f -> "handoff".equals(
        f.getString("type")) && "ended".equals(f.getString("state")) && Boolean.TRUE.equals(f.getBoolean("askRating"))),
      new Page.WaitForConditionOptions().setTimeout(15_000));
  }

  @Test
  @DisplayName("two agents claiming at the same moment: one gets the chat, the other is told someone was quicker")
  void claimRace(Vertx vertx) throws Exception {
    expectedFailures.add("status of 409|/claim");
    Page dana = agentConsole(DANA);
    away(dana);
    Page sam = agentConsole(SAM);
    away(sam);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper);
      assertThat(dana.getByTestId("agent-queue-item")).hasCount(1, SLOW_COUNT);
      assertThat(sam.getByTestId("agent-queue-item")).hasCount(1, SLOW_COUNT);
      // Both click at the same instant (one clock: one browser), before either hears of the other's claim.
      double at = ((Number) dana.evaluate("() => Date.now() + 500")).doubleValue();
      for (Page p : List.of(dana, sam)) {
        p.evaluate("at => setTimeout(() => document.querySelector('[data-testid=agent-claim]')?.click(), "
          + "at - Date.now())", at);
      }
      String holder = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (holder == null && System.nanoTime() < deadline) {
        holder = server.string("SELECT s.email FROM handoffs h JOIN staff_users s ON s.id = h.agent_id"
          + " WHERE h.conversation_id = $1 AND h.state = 'assigned'", conversation);
      }
      assertNotNull(holder, "one of them holds the chat");
      Page winner = DANA.equals(holder) ? dana : sam;
      Page loser = winner == dana ? sam : dana;
      assertThat(winner.getByTestId("agent-mine-item")).hasCount(1, SLOW_COUNT);
      assertThat(winner.getByTestId("agent-conv-handoff")).hasAttribute("data-state", "assigned", SLOW_ATTRIBUTE);
      assertThat(loser.getByTestId("agent-queue-status")).containsText("Someone else was quicker", SLOW_TEXT);
      assertThat(loser.getByTestId("agent-queue-status")).containsText("already held by "
        + (winner == dana ? "Dana" : "Sam"));
      assertThat(loser.getByTestId("agent-queue-item")).hasCount(0, SLOW_COUNT);
      assertThat(loser.getByTestId("agent-mine-item")).hasCount(0);
      assertEquals(1, server.count("SELECT count(*) FROM handoffs WHERE conversation_id = $1 AND state = 'assigned'",
        conversation));
    }
  }

  @Test
  @DisplayName("a chat routed to an online agent calls for attention; a message in it is an unread badge until opened; "
    + "handed back, the bot answers again")
  void routedNotificationAndUnread(Vertx vertx) throws Exception {
    Page dana = agentConsole(DANA);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper);
      assertThat(dana.getByTestId("agent-notice")).containsText("New chat for you: Asked for a person", SLOW_TEXT);
      Locator mine = dana.getByTestId("agent-mine-item");
      assertThat(mine).hasCount(1, SLOW_COUNT);
      assertThat(mine).hasAttribute("data-conversation-id", conversation);
      assertThat(mine.getByTestId("agent-mine-new")).isVisible();
      // The console hears the chat's messages from here on.
      assertThat(mine).hasAttribute("data-live", "true", SLOW_ATTRIBUTE);
      dana.waitForFunction("() => document.title.startsWith('● New chat for you')");

      shopper.say("m-2", "hello? my parcel arrived damaged");
      assertThat(mine.getByTestId("agent-unread")).hasText("1",
        new LocatorAssertions.HasTextOptions().setTimeout(15_000));
      assertThat(mine).hasAttribute("data-unread", "1");
      dana.waitForFunction("() => document.title.startsWith('(1) Agent console')");

      mine.getByTestId("agent-mine-open").click();
      assertThat(dana.getByTestId("agent-notice")).isHidden();
      assertThat(mine.getByTestId("agent-unread")).isHidden();
      assertThat(mine.getByTestId("agent-mine-new")).isHidden();
      assertThat(consoleMessages(dana, "shopper").last()).containsText("my parcel arrived damaged", SLOW_TEXT);
      assertThat(dana.getByTestId("agent-conv-handoff")).containsText("with you since");
      dana.waitForFunction("() => document.title === 'Agent console — ShopChat'");

      dana.getByTestId("agent-handback").click();
      assertThat(dana.getByTestId("agent-conv-status")).containsText("Handed back", SLOW_TEXT);
      assertThat(dana.getByTestId("agent-conv-handoff")).hasAttribute("data-state", "ended", SLOW_ATTRIBUTE);
      assertThat(mine).hasCount(0, SLOW_COUNT);
      assertThat(dana.getByTestId("agent-conv-claim")).hasText("Join this chat");
      shopper.await(f -> "handoff".equals(f.getString("type")) && "ended".equals(f.getString("state")));
      shopper.say("m-3", "what is your return policy?");
      JsonObject bot = shopper.awaitMessage("bot");
      assertTrue(bot.getString("text").contains("30 days"), bot.encode());
      assertThat(consoleMessages(dana, "bot").last()).containsText("30 days", SLOW_TEXT);

      dana.getByTestId("agent-signout").click();
      assertThat(dana.getByTestId("agent-signin")).isVisible();
      assertThat(dana.getByTestId("agent-signin-notice")).hasText("You have signed out.");
      assertThat(dana.getByTestId("agent-console")).isHidden();
    }
  }

  @Test
  @DisplayName("a reply that never reached the server is sent again with the same clientMsgId; one whose answer was "
    + "lost is not sent twice; each is stored once")
  void resendWithTheSameClientMsgId(Vertx vertx) throws Exception {
    expectedFailures.add("ERR_FAILED|/messages");
    Page dana = agentConsole(DANA);
    try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
      String conversation = askForPerson(shopper);
      Locator mine = dana.getByTestId("agent-mine-item");
      assertThat(mine).hasCount(1, SLOW_COUNT);
      mine.getByTestId("agent-mine-open").click();
      assertThat(dana.getByTestId("agent-reply-input")).isEnabled(new LocatorAssertions.IsEnabledOptions()
        .setTimeout(15_000));
      assertThat(dana.getByTestId("agent-conv")).hasAttribute("data-live", "true", SLOW_ATTRIBUTE);

      // Each message's first send fails: the first never reaches the server, the second is stored but its answer
      // never reaches the page. The network fails, not the server: nothing here stands in for it.
      Map<String, List<String>> sent = new java.util.concurrent.ConcurrentHashMap<>();
      dana.route("**/api/agent/conversations/*/messages", route -> {
        JsonObject body = new JsonObject(route.request().postData());
        List<String> ids = sent.computeIfAbsent(body.getString("text"), t -> new CopyOnWriteArrayList<>());
        ids.add(body.getString("clientMsgId"));
        if (ids.size() > 1) {
          route.resume();
        } else if (body.getString("text").startsWith("Never")) {
          route.abort("failed");
        } else {
          route.fetch();
          route.abort("failed");
        }
      });
      String never = "Never reached: are you still there?";
      dana.getByTestId("agent-reply-input").fill(never);
      dana.getByTestId("agent-reply-input").press("Enter");
      // Playwright runs the route handler only while the test waits through it: wait on the page first.
      assertThat(dana.locator("[data-testid=agent-message][data-pending=true]")).hasCount(0, SLOW_COUNT);
      assertEquals(never, shopper.awaitMessage("agent").getString("text"));
      assertEquals(2, sent.get(never).size(), "sent, then sent again: " + sent);
      assertEquals(sent.get(never).get(0), sent.get(never).get(1), "with the same clientMsgId");

      // Stored, answer lost: the live channel shows it stored, so it is not pending (nor sent under a new id).
      String lost = "Answer lost: I am checking your order now.";
      dana.getByTestId("agent-reply-input").fill(lost);
      dana.getByTestId("agent-reply-input").press("Enter");
      assertThat(dana.locator("[data-testid=agent-message][data-pending=true]")).hasCount(0, SLOW_COUNT);
      assertEquals(lost, shopper.awaitMessage("agent").getString("text"));
      assertThat(consoleMessages(dana, "agent")).hasCount(2);
      assertTrue(sent.get(lost).stream().distinct().count() == 1, "one clientMsgId: " + sent);

      for (String text : List.of(never, lost)) {
        assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND text = $2",
          conversation, text), text);
      }
    }
  }

  @Test
  @DisplayName("without a session the console shows only the sign-in form and the agent API refuses; a wrong "
    + "password is refused")
  void notSignedIn() {
    expectedFailures.add("status of 401|/api/agent/queue");
    expectedFailures.add("status of 401|/api/auth/login");
    Page page = open(context(), "/agent");
    assertEquals(baseUrl + "/agent/", page.url());
    assertThat(page.getByTestId("agent-signin")).isVisible();
    assertThat(page.getByTestId("agent-console")).isHidden();
    assertThat(page.getByTestId("agent-presence-label")).isHidden();
    assertEquals(401, ((Number) page.evaluate("() => fetch('/api/agent/queue').then(r => r.status)")).intValue());

    page.getByTestId("agent-email").fill(SAM);
    page.getByTestId("agent-password").fill("not the password");
    page.getByTestId("agent-signin-submit").click();
    assertThat(page.getByTestId("agent-signin-error")).hasText("Wrong email or password.");
    assertThat(page.getByTestId("agent-console")).isHidden();
    assertThat(page).hasTitle(Pattern.compile("Agent console"));
  }
}
