package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.support.ChatClient;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console's team panel in headless chromium against the real server: an admin adds an agent (a refused
 * password first), the agent signs in to the agent console in another browser context and is routed a chat, the
 * admin sees it held, then disables the agent — whose console signs out while the chat goes back to the queue;
 * the requests that always go to a person.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The team panel of the admin console")
class TeamConsoleBrowserTest {

  private static final String ADMIN = "team-console-admin@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String MIA = "mia@shop.example";
  private static final String XSS_NAME = "<img src=x onerror=\"window.__xss=1\">Mia";
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // The transformer: handoff rules list the intents it reads.
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD,
      "NLU_MODEL_DIR", "shipped"));
    chrome = Chromium.Session.start();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  private static Page signIn(BrowserContext context, String path, String prefix, String email, String password,
                             List<String> errors) {
    Page page = context.newPage();
    page.onPageError(errors::add);
    page.navigate("http://127.0.0.1:" + server.port() + path);
    page.getByTestId(prefix + "-email").fill(email);
    page.getByTestId(prefix + "-password").fill(password);
    page.getByTestId(prefix + "-signin-submit").click();
    assertThat(page.getByTestId(prefix + "-console")).isVisible();
    return page;
  }

  @Test
  @DisplayName("adds an agent, sees the chat routed to them, and disables them: their console signs out and the "
    + "chat waits again; names show as typed")
  void addRouteDisable(Vertx vertx) throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext adminContext = chrome.browser().newContext();
         BrowserContext agentContext = chrome.browser().newContext()) {
      Page admin = signIn(adminContext, "/admin/", "admin", ADMIN, PASSWORD, errors);
      Locator me = admin.locator("[data-testid=team-member][data-email='" + ADMIN + "']");
      assertThat(me.getByTestId("team-member-name")).containsText("(you)", SLOW_TEXT);

      admin.getByTestId("team-add").click();
      admin.getByTestId("team-email").fill(MIA);
      admin.getByTestId("team-name").fill(XSS_NAME);
      admin.getByTestId("team-password").fill("short");
      admin.getByTestId("team-lang-zh").check();
      admin.getByTestId("team-topic-returns").check();
      admin.getByTestId("team-max").fill("2");
      admin.getByTestId("team-save").click();
      assertThat(admin.getByTestId("team-form-status")).containsText("12 to 200 characters", SLOW_TEXT);
      assertEquals(0, server.count("SELECT count(*) FROM staff_users WHERE email = $1", MIA));

      admin.getByTestId("team-password").fill(PASSWORD);
      admin.getByTestId("team-save").click();
      assertThat(admin.getByTestId("team-status")).containsText("they can sign in now", SLOW_TEXT);
      Locator mia = admin.locator("[data-testid=team-member][data-email='" + MIA + "']");
      assertThat(mia.getByTestId("team-member-name")).hasText(XSS_NAME);
      assertThat(mia.getByTestId("team-member-languages")).hasText("English, 中文");
      assertThat(mia.getByTestId("team-member-topics")).hasText("Returns");
      assertThat(mia.getByTestId("team-member-chats")).hasText("0 / 2");

      Page agent = signIn(agentContext, "/agent/", "agent", MIA, PASSWORD, errors);
      assertThat(agent.getByTestId("agent-presence")).hasAttribute("data-presence", "online",
        new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
      try (ChatClient shopper = ChatClient.connect(vertx, server.port())) {
        shopper.hello("v-team", null, null, "zh");
        shopper.send(new JsonObject().put("type", "message").put("clientMsgId", "m-1").put("text", "转人工")
          .put("payload", "/human"));
        shopper.await(f -> "handoff".equals(f.getString("type")) && "assigned".equals(f.getString("state")));
        assertThat(agent.getByTestId("agent-mine-item")).hasCount(1,
          new LocatorAssertions.HasCountOptions().setTimeout(15_000));

        admin.getByTestId("team-refresh").click();
        assertThat(mia.getByTestId("team-member-chats")).hasText("1 / 2", new LocatorAssertions.HasTextOptions()
          .setTimeout(15_000));
        assertThat(mia.getByTestId("team-member-presence")).hasText("online");

        mia.getByTestId("team-edit").click();
        assertThat(admin.getByTestId("team-form-heading")).hasText("Change " + XSS_NAME);
        assertThat(admin.getByTestId("team-email")).isDisabled();
        admin.getByTestId("team-toggle").click();
        assertThat(admin.getByTestId("team-status")).containsText("1 chat(s) went back to the queue", SLOW_TEXT);
        assertThat(mia.getByTestId("team-member-presence")).hasText("disabled");

        assertThat(agent.getByTestId("agent-signin-notice")).containsText("An admin has disabled your account",
          SLOW_TEXT);
        assertThat(agent.getByTestId("agent-console")).isHidden();
        // Her console's closing may tell waiting shoppers their place first; the widget heeds only the requeued one.
        JsonObject waiting = shopper.await(f -> "handoff".equals(f.getString("type"))
          && "queued".equals(f.getString("state")) && Boolean.TRUE.equals(f.getBoolean("requeued")));
        assertEquals(1, waiting.getInteger("position"), waiting.encode());
      }
      // The own account has no Disable button: an admin cannot lock themselves out.
      me.getByTestId("team-edit").click();
      assertThat(admin.getByTestId("team-toggle")).isHidden();
      assertEquals(Boolean.TRUE, admin.evaluate("() => window.__xss === undefined"));
      assertEquals(List.of(), errors);
    }
  }

  @Test
  @DisplayName("the requests that always go to a person are ticked and saved; account deletion is on the list first")
  void handoffRules() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      Page admin = signIn(context, "/admin/", "admin", ADMIN, PASSWORD, errors);
      assertThat(admin.getByTestId("rule-delete_account")).isChecked();
      assertThat(admin.getByTestId("rule-track_refund")).not().isChecked();
      assertThat(admin.getByTestId("rule-greeting")).hasCount(0);
      admin.getByTestId("rule-track_refund").check();
      admin.getByTestId("rule-delete_account").uncheck();
      admin.getByTestId("rules-save").click();
      assertThat(admin.getByTestId("rules-status")).hasText("Saved: track refund always go to a person.");
      assertEquals("track_refund", server.string("SELECT string_agg(intent, ',') FROM handoff_rules"));
      admin.reload();
      assertThat(admin.getByTestId("rule-track_refund")).isChecked();
      assertThat(admin.getByTestId("rule-delete_account")).not().isChecked();
      assertEquals(List.of(), errors);
    }
  }

  @Test
  @DisplayName("canned replies are added, changed and deleted (asked twice); texts show as typed; a placeholder the "
    + "console does not fill is refused")
  void cannedReplies() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      Page admin = signIn(context, "/admin/", "admin", ADMIN, PASSWORD, errors);
      Locator greeting = admin.locator("[data-testid=canned-reply][data-id=greeting][data-locale=en]");
      assertThat(greeting.getByTestId("canned-reply-text")).containsText("{agent}", SLOW_TEXT);

      admin.getByTestId("canned-new").click();
      admin.getByTestId("canned-id").fill("size-guide");
      admin.getByTestId("canned-title").fill("Size guide");
      admin.getByTestId("canned-text").fill("Hi {name}!");
      admin.getByTestId("canned-save").click();
      assertThat(admin.getByTestId("canned-form-status")).containsText("not {name}", SLOW_TEXT);
      admin.getByTestId("canned-text").fill("Hi {shopper}, <img src=x onerror=\"window.__xss=1\"> sizes");
      admin.getByTestId("canned-save").click();
      assertThat(admin.getByTestId("canned-status")).containsText("Saved “Size guide”", SLOW_TEXT);
      Locator added = admin.locator("[data-testid=canned-reply][data-id=size-guide][data-locale=en]");
      assertThat(added.getByTestId("canned-reply-text")).hasText("Hi {shopper}, <img src=x onerror=\"window.__xss=1\">"
        + " sizes");

      greeting.getByTestId("canned-edit").click();
      assertThat(admin.getByTestId("canned-id")).isDisabled();
      admin.getByTestId("canned-title").fill("Hello");
      admin.getByTestId("canned-save").click();
      assertThat(greeting.getByTestId("canned-reply-title")).hasText("Hello", new LocatorAssertions.HasTextOptions()
        .setTimeout(15_000));
      assertEquals("Hello", server.string("SELECT title FROM canned_replies WHERE id = 'greeting' AND locale = 'en'"));

      added.getByTestId("canned-delete").click();
      assertThat(added.getByTestId("canned-delete")).hasText("Delete? Click again");
      assertEquals(1, server.count("SELECT count(*) FROM canned_replies WHERE id = 'size-guide'"));
      added.getByTestId("canned-delete").click();
      assertThat(added).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
      assertEquals(0, server.count("SELECT count(*) FROM canned_replies WHERE id = 'size-guide'"));
      assertEquals(Boolean.TRUE, admin.evaluate("() => window.__xss === undefined"));
      assertEquals(List.of(), errors);
    }
  }
}
