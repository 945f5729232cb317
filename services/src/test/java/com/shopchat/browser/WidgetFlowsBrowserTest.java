package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dialogue's flows in the widget, in Debian's headless chromium, with the shipped model: a signed-in
 * shopper picks an order from the buttons, cancels one with the Yes button, and gets product cards.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Dialogue flows in the chat widget")
class WidgetFlowsBrowserTest {

  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static TestServer server;
  private static Chromium.Session chrome;
  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> pageErrors = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("NLU_MODEL_DIR", "shipped"));
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

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
  }

  private Page shopPage() {
    BrowserContext context = browser.newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    page.navigate("http://127.0.0.1:" + server.port() + "/");
    return page;
  }

  private static void openChat(Page page) {
    page.getByTestId("shopchat-launcher").click();
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
  }

  private static Locator bot(Page page) {
    return page.locator("[data-testid=shopchat-message][data-from=bot]");
  }

  private static void say(Page page, String text, int botMessages) {
    page.getByTestId("shopchat-input").fill(text);
    page.getByTestId("shopchat-send").click();
    assertThat(bot(page)).hasCount(botMessages, SLOW_COUNT);
  }

  @Test
  @DisplayName("a signed-in shopper picks her order from buttons, cancels another with Yes, and gets product cards")
  void ordersAndProducts() throws Exception {
    Page page = shopPage();
    page.getByTestId("demo-identity").selectOption("shopper-anna");
    page.waitForFunction("() => localStorage.getItem('demo.identity') !== null");
    openChat(page);

    say(page, "where is my order?", 1);
    Locator choice = page.getByTestId("shopchat-quick-reply").filter(new Locator.FilterOptions()
      .setHasText(Pattern.compile("MT-100002")));
    choice.click();
    assertThat(bot(page)).hasCount(2, SLOW_COUNT);
    assertThat(bot(page).nth(1)).containsText("on its way with DHL", SLOW_TEXT);

    say(page, "I want to cancel order MT-100004", 3);
    assertThat(bot(page).nth(2)).containsText("Shall I cancel order MT-100004", SLOW_TEXT);
    page.getByTestId("shopchat-quick-reply").filter(new Locator.FilterOptions().setHasText("Yes")).click();
    assertThat(bot(page)).hasCount(4, SLOW_COUNT);
    assertThat(bot(page).nth(3)).containsText("order MT-100004 is cancelled", SLOW_TEXT);
    assertEquals("cancelled", server.string("SELECT status FROM orders WHERE order_number = 'MT-100004'"));

    say(page, "show me sweaters", 5);
    Locator cards = bot(page).nth(4).getByTestId("shopchat-card");
    assertTrue(cards.count() >= 1, "cards shown");
    assertThat(cards.first().getByTestId("shopchat-card-price")).containsText("€");
    // "View" leads to the product on the shop page.
    String href = cards.first().getByTestId("shopchat-card-view").getAttribute("href");
    assertTrue(href.contains("#product-"), href);
    assertThat(page.locator(href.substring(href.indexOf('#')))).hasCount(1);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-flows.png")));
    assertTrue(pageErrors.isEmpty(), pageErrors.toString());
  }
}
