package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.shopchat.conversation.BotTurnRecord;
import com.shopchat.conversation.Conversation;
import com.shopchat.store.ConversationRepository;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Product cards and the demo sign-in in Debian's headless chromium, on the demo shop page served by a real server
 * over a real database. Cards come from a bot message stored before the page loads, which the widget's resume
 * replays, exactly as a recommendation the dialogue stored would come back.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Product cards and signing in, in the chat widget on the demo shop page")
class WidgetCardsAndSignInBrowserTest {

  private static final String XSS_TITLE = "<img src=x onerror=\"window.__xss=1\"><b>Suede Chelsea Boot</b>";
  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  private static TestServer server;
  private static String baseUrl;
  private static Chromium.Session chrome;
  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
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

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
  }

  private static JsonArray cards() {
    return new JsonArray()
      .add(new JsonObject().put("sku", "FW-2002").put("title", XSS_TITLE).put("price", "€129.00")
        .put("priceCents", 12_900).put("currency", "EUR").put("image", "/img/products/footwear.svg")
        .put("url", "/#FW-2002").put("reason", "Waterproof suede, as you asked"))
      .add(new JsonObject().put("sku", "FW-2001").put("title", "Stridewell Everyday Leather Sneaker")
        .put("priceCents", 7_900).put("currency", "EUR").put("image", "/img/products/footwear.svg")
        .put("url", "/#FW-2001"))
      .add(new JsonObject().put("sku", "FW-2003").put("title", "Stridewell Cloud Runner").put("price", "€99.00")
        .put("priceCents", 9_900).put("currency", "EUR").put("image", "/img/products/footwear.svg")
        .put("url", "/#FW-2003"));
  }

  /** A visitor with a conversation whose bot answer carries three product cards; returns the conversation. */
  private static Conversation conversationWithCards(String visitorId, String locale) throws Exception {
    ConversationRepository repository = new ConversationRepository(server.pool());
    repository.touchVisitor(visitorId, locale, null).await(10, TimeUnit.SECONDS);
    Conversation conversation = repository.create(visitorId, locale, null).await(10, TimeUnit.SECONDS);
    repository.appendShopperMessage(conversation.id(), "m-1", "show me boots", new JsonObject())
      .await(10, TimeUnit.SECONDS);
    repository.appendBotReply(conversation.id(), new BotTurnRecord(1, "Here are some boots you might like:",
      "product_search", 0.93f, new JsonObject().put("cards", cards()), new JsonObject(), "open", "baseline",
      new JsonArray(), "product", 0))
      .await(10, TimeUnit.SECONDS);
    return conversation;
  }

  /** A page whose widget remembers this visitor and conversation, as after an earlier visit. */
  private Page pageFor(String visitorId, String conversationId, Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    if (visitorId != null) {
      context.addInitScript("localStorage.setItem('shopchat.visitorId', '" + visitorId + "');"
        + "localStorage.setItem('shopchat.conversationId', '" + conversationId + "');");
    }
    Page page = context.newPage();
    Chromium.collectErrors(page, consoleErrors);
    page.navigate(baseUrl + "/");
    return page;
  }

  private static void openChat(Page page) {
    page.getByTestId("shopchat-launcher").click();
    assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
  }

  private static Locator messages(Page page, String from) {
    return page.locator("[data-testid=shopchat-message][data-from=" + from + "]");
  }

  @Test
  @DisplayName("renders a replayed bot message's cards with image, title as text, price, reason and a View link to the product")
  void rendersCards() throws Exception {
    String visitorId = "v-" + UUID.randomUUID();
    Conversation conversation = conversationWithCards(visitorId, "en");
    Page page = pageFor(visitorId, conversation.id(), new Browser.NewContextOptions());
    openChat(page);

    Locator cards = page.getByTestId("shopchat-card");
    assertThat(cards).hasCount(3, SLOW_COUNT);
    Locator first = cards.first();
    assertThat(first.getByTestId("shopchat-card-title")).hasText(XSS_TITLE);
    assertThat(first.getByTestId("shopchat-card-price")).hasText("€129.00");
    assertThat(first.getByTestId("shopchat-card-reason")).hasText("Waterproof suede, as you asked");
    assertThat(first.locator("img.shopchat-card-image")).hasAttribute("src", baseUrl + "/img/products/footwear.svg");
    assertThat(cards.nth(1).getByTestId("shopchat-card-price")).hasText("€79.00");
    assertThat(cards.nth(1).getByTestId("shopchat-card-reason")).hasCount(0);

    Locator view = first.getByTestId("shopchat-card-view");
    assertThat(view).hasText("View");
    assertThat(view).hasAttribute("href", baseUrl + "/#FW-2002");
    assertThat(view).hasAttribute("target", "_blank");
    assertThat(view).hasAttribute("rel", "noopener noreferrer");
    assertThat(first.getByTestId("shopchat-card-add")).hasText("Add to cart");

    assertEquals(0, page.locator("[data-testid=shopchat-messages] img[src=x]").count());
    assertEquals(0, page.locator("[data-testid=shopchat-messages] b").count());
    assertNull(page.evaluate("() => window.__xss ?? null"));
    assertEquals("auto", page.getByTestId("shopchat-cards").evaluate("e => getComputedStyle(e).overflowX"));
    assertTrue((Boolean) page.getByTestId("shopchat-cards").evaluate("e => e.scrollWidth > e.clientWidth"),
      "three cards overflow the panel and scroll sideways");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-cards.png")));
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }

  @Test
  @DisplayName("Add to cart puts the item in the page's bag and sends, and stores, the /cart:add:SKU message")
  void addToCart() throws Exception {
    String visitorId = "v-" + UUID.randomUUID();
    Conversation conversation = conversationWithCards(visitorId, "en");
    Page page = pageFor(visitorId, conversation.id(), new Browser.NewContextOptions());
    openChat(page);
    assertThat(page.getByTestId("shopchat-card")).hasCount(3, SLOW_COUNT);

    page.getByTestId("shopchat-card").first().getByTestId("shopchat-card-add").click();
    assertThat(page.getByTestId("bag-count")).hasText("1");
    Locator sent = messages(page, "shopper").last();
    assertThat(sent).hasAttribute("data-seq", "3", new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
    assertThat(sent.getByTestId("shopchat-message-text")).hasText("Add " + XSS_TITLE + " to cart");
    assertEquals(1, server.count("SELECT count(*) FROM messages WHERE conversation_id = $1 AND seq = 3"
      + " AND sender = 'shopper' AND payload ->> 'payload' = '/cart:add:FW-2002'", conversation.id()));
    assertNull(page.evaluate("() => window.__xss ?? null"));
  }

  /** Polls (bounded) until the count reaches {@code expected}; returns the last count seen. */
  private static long countWhen(long expected, String sql, Object... params) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long seen = server.count(sql, params);
    while (seen != expected && System.nanoTime() < deadline) {
      seen = server.count(sql, params);
    }
    return seen;
  }

  @Test
  @DisplayName("a suggestion's View and Add to cart come back as click and add_to_cart events carrying its impression, once each")
  void cardEventsCarryTheImpression() throws Exception {
    String visitorId = "v-" + UUID.randomUUID();
    String impression = "imp-" + UUID.randomUUID();
    ConversationRepository repository = new ConversationRepository(server.pool());
    repository.touchVisitor(visitorId, "en", null).await(10, TimeUnit.SECONDS);
    Conversation conversation = repository.create(visitorId, "en", null).await(10, TimeUnit.SECONDS);
    repository.appendShopperMessage(conversation.id(), "m-1", "what would you recommend?", new JsonObject())
      .await(10, TimeUnit.SECONDS);
    JsonArray picks = cards();
    picks.forEach(c -> ((JsonObject) c).put("impressionId", impression)
      .put("url", "/#product-" + ((JsonObject) c).getString("sku")));
    repository.appendBotReply(conversation.id(), new BotTurnRecord(1, "You might like these:",
      "recommendation_request", 0.93f, new JsonObject().put("cards", picks), new JsonObject(), "open", "baseline",
      new JsonArray(), "product", 0)).await(10, TimeUnit.SECONDS);
    Page page = pageFor(visitorId, conversation.id(), new Browser.NewContextOptions());
    openChat(page);
    Locator second = page.getByTestId("shopchat-card").nth(1);
    assertThat(page.getByTestId("shopchat-card")).hasCount(3, SLOW_COUNT);

    second.getByTestId("shopchat-card-add").click();
    Page opened = page.context().waitForPage(() -> second.getByTestId("shopchat-card-view").click());
    String byType = "SELECT count(*) FROM behaviour_events WHERE visitor_id = $1 AND type = $2"
      + " AND skus = '{FW-2001}' AND impression_id = $3";
    assertEquals(1, countWhen(1, byType, visitorId, "add_to_cart", impression));
    assertEquals(1, countWhen(1, byType, visitorId, "click", impression));
    // The product page the View link opened counts as a view of it (without the impression: the page's own).
    assertEquals(1, countWhen(1, "SELECT count(*) FROM behaviour_events WHERE visitor_id = $1 AND type = 'view'"
      + " AND skus = '{FW-2001}'", visitorId));
    opened.close();
    // Acknowledged events are not sent again: after a reload, still one of each.
    page.reload();
    openChat(page);
    assertThat(page.getByTestId("shopchat-card")).hasCount(3, SLOW_COUNT);
    assertEquals(2, server.count("SELECT count(*) FROM behaviour_events WHERE visitor_id = $1"
      + " AND impression_id = $2", visitorId, impression));
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }

  @Test
  @DisplayName("labels the card buttons in Chinese for a Chinese shopper")
  void chineseLabels() throws Exception {
    String visitorId = "v-" + UUID.randomUUID();
    Conversation conversation = conversationWithCards(visitorId, "zh");
    Page page = pageFor(visitorId, conversation.id(), new Browser.NewContextOptions().setLocale("zh-CN"));
    openChat(page);
    Locator first = page.getByTestId("shopchat-card").first();
    assertThat(first.getByTestId("shopchat-card-view")).hasText("查看", new LocatorAssertions.HasTextOptions()
      .setTimeout(15_000));
    assertThat(first.getByTestId("shopchat-card-add")).hasText("加入购物车");
  }

  @Test
  @DisplayName("signs in as a demo shopper: the header says so, the conversation is theirs, a reload keeps it, signing out starts afresh")
  void demoSignIn() throws Exception {
    Page page = pageFor(null, null, new Browser.NewContextOptions());
    Locator account = page.getByTestId("demo-identity");
    assertThat(account.getByRole(AriaRole.OPTION)).hasCount(7);
    account.selectOption("shopper-anna");
    assertThat(page.getByTestId("demo-identity")).hasValue("shopper-anna");
    page.waitForFunction("() => localStorage.getItem('demo.identity') !== null");

    openChat(page);
    assertThat(page.getByTestId("shopchat-identity")).hasText("Signed in as Anna Schmidt");
    page.getByTestId("shopchat-input").fill("hello");
    page.getByTestId("shopchat-send").click();
    assertThat(messages(page, "bot")).hasCount(1, SLOW_COUNT);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "widget-signed-in.png")));
    String annas = (String) page.evaluate("() => localStorage.getItem('shopchat.conversationId')");
    assertEquals("shopper-anna", server.value("SELECT shopper_id FROM conversations WHERE id = $1", annas));

    page.reload();
    openChat(page);
    assertThat(page.getByTestId("shopchat-identity")).hasText("Signed in as Anna Schmidt");
    assertThat(messages(page, "bot")).hasCount(1, SLOW_COUNT);
    assertEquals(annas, page.evaluate("() => localStorage.getItem('shopchat.conversationId')"));

    page.getByTestId("demo-identity").selectOption("");
    assertThat(page.getByTestId("shopchat-identity")).isHidden(new LocatorAssertions.IsHiddenOptions()
      .setTimeout(15_000));
    assertThat(page.getByTestId("shopchat-message")).hasCount(0, SLOW_COUNT);
    String after = (String) page.evaluate("() => localStorage.getItem('shopchat.conversationId')");
    assertNotEquals(annas, after);
    assertNull(server.value("SELECT shopper_id FROM conversations WHERE id = $1", after));
    assertTrue(consoleErrors.isEmpty(), consoleErrors.toString());
  }
}
