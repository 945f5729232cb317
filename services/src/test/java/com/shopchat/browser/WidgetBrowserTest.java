package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The widget as a shopper uses it: Debian's headless chromium, driven by Playwright, on the demo shop page
 * served by a real server over a real database. Playwright never downloads a browser here.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The chat widget on the demo shop page")
class WidgetBrowserTest {

  private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(15_000);
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

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
    Chromium.collectErrors(page, consoleErrors);
    page.navigate(baseUrl + "/");
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  private void openChat() {
    Locator panel = page.getByTestId("shopchat-panel");
    if (!panel.isVisible()) {
      page.getByTestId("shopchat-launcher").click();
    }
    assertThat(panel).isVisible();
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
  }

  private void ask(String text) {
    page.getByTestId("shopchat-input").fill(text);
    page.getByTestId("shopchat-send").click();
  }

  private Locator messages(String from) {
    return page.locator("[data-testid=shopchat-message][data-from=" + from + "]");
  }

  @Test
  @DisplayName("shows the shop with its catalog and the chat launcher")
  void shopPage() {
    assertThat(page.getByTestId("shopchat-launcher")).isVisible();
    assertThat(page.getByText("Maple & Thread").first()).isVisible();
    assertThat(page.getByText("Merino", new Page.GetByTextOptions().setExact(false)).first()).isVisible();
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }

  @Test
  @DisplayName("answers a delivery question from the knowledge base, with its source, and restores the history after a reload")
  void answersAndRestoresAfterReload() {
    openChat();
    ask("how long does delivery take?");
    assertThat(messages("shopper").last()).hasAttribute("data-seq", "1");
    Locator answer = messages("bot").last();
    assertThat(answer).containsText("working days", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
    assertThat(answer.getByTestId("shopchat-source")).hasAttribute("data-kb-id", "kb-en-delivery-time");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-answer.png")));

    page.reload();
    openChat();
    assertThat(messages("shopper")).hasCount(1);
    assertThat(messages("bot")).hasCount(1);
    assertThat(messages("shopper").first()).containsText("how long does delivery take?");
    assertThat(messages("bot").first()).containsText("working days");
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }

  @Test
  @DisplayName("renders markup typed by a shopper as text, never as HTML")
  void rendersMarkupAsText() {
    openChat();
    String attack = "<img src=x onerror=\"window.__xss=1\"><b>bold</b>";
    ask(attack);
    Locator mine = messages("shopper").last().getByTestId("shopchat-message-text");
    assertThat(mine).hasText(attack, SLOW);
    assertEquals(0, page.locator("[data-testid=shopchat-messages] img[src=x]").count());
    assertEquals(0, page.locator("[data-testid=shopchat-messages] b").count());
    assertEquals(null, page.evaluate("() => window.__xss ?? null"));
    assertThat(messages("bot").last()).hasText(Pattern.compile(".+"), SLOW);
  }

  @Test
  @DisplayName("sends a quick reply's payload when the shopper taps it")
  void quickReply() {
    openChat();
    ask("hello");
    Locator replies = messages("bot").last().getByTestId("shopchat-quick-reply");
    assertThat(replies.first()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
    replies.filter(new Locator.FilterOptions().setHasText("return policy")).click();
    assertThat(messages("bot")).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
    assertThat(messages("bot").last()).containsText("30 days");
  }

  @Test
  @DisplayName("keeps a message typed while the server is down and delivers it, once, when the server is back")
  void messageTypedWhileServerDownIsDelivered(Vertx vertx) throws Exception {
    openChat();
    ask("hello");
    assertThat(messages("bot")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));

    server.stopApp(vertx);
    assertThat(page.getByTestId("shopchat-status")).not().hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
    String question = "what is your return policy? " + System.nanoTime();
    ask(question);
    assertThat(messages("shopper").last()).hasAttribute("data-pending", "true");

    server.startApp(vertx);
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(40_000));
    assertThat(messages("shopper").last()).hasAttribute("data-seq", "3",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
    assertThat(messages("bot").last()).containsText("30 days", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
    assertEquals(1, server.count("SELECT count(*) FROM messages WHERE text = $1", question));
  }

  @Test
  @DisplayName("speaks Chinese to a shopper whose browser is set to Chinese, answering from the Chinese entries")
  void chineseShopper() {
    try (BrowserContext zh = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
      Page zhPage = zh.newPage();
      zhPage.navigate(baseUrl + "/");
      zhPage.getByTestId("shopchat-launcher").click();
      assertThat(zhPage.getByTestId("shopchat-input")).hasAttribute("placeholder", Pattern.compile("消息"));
      zhPage.getByTestId("shopchat-input").fill("退货政策是什么？");
      zhPage.getByTestId("shopchat-send").click();
      Locator answer = zhPage.locator("[data-testid=shopchat-message][data-from=bot]").last();
      assertThat(answer).containsText("30天", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
      assertThat(answer.getByTestId("shopchat-source")).hasAttribute("data-kb-id", "kb-zh-return-policy");
    }
  }
}
