package com.shopchat.fault;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.config.AppConfig;
import com.shopchat.config.PgSettings;
import com.shopchat.support.Chromium;
import com.shopchat.support.TcpProxy;
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

/** The widget in chromium while the server's PostgreSQL is cut (through a TCP proxy) and restored. */
@ExtendWith(VertxExtension.class)
@DisplayName("The chat widget during a PostgreSQL outage")
class WidgetOutageBrowserTest {

  private static TcpProxy proxy;
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    PgSettings pg = AppConfig.from(new JsonObject(), System.getenv()).pg();
    proxy = TcpProxy.start(vertx, pg.host(), pg.port());
    server = TestServer.start(vertx, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port())));
    chrome = Chromium.Session.start();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  @Test
  @DisplayName("tells the shopper it cannot save messages, keeps the message pending (not stored), and sends it by "
    + "itself once PostgreSQL is back: stored once, answered")
  void outage() throws Exception {
    Browser browser = chrome.browser();
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      Chromium.collectErrors(page, errors);
      page.navigate("http://127.0.0.1:" + server.port() + "/");
      page.getByTestId("shopchat-launcher").click();
      assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
        new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
      Locator shopper = page.locator("[data-testid=shopchat-message][data-from=shopper]");
      Locator bot = page.locator("[data-testid=shopchat-message][data-from=bot]");
      page.getByTestId("shopchat-input").fill("hello");
      page.getByTestId("shopchat-send").click();
      assertThat(bot).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));

      proxy.cut();
      String question = "what is your return policy? " + System.nanoTime();
      page.getByTestId("shopchat-input").fill(question);
      page.getByTestId("shopchat-send").click();
      assertThat(page.getByTestId("shopchat-notice")).containsText("save messages right now",
        new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
      assertThat(shopper.last()).hasAttribute("data-pending", "true");
      // The socket itself is fine: the widget stays online and keeps the message.
      assertThat(page.getByTestId("shopchat-status")).hasAttribute("data-state", "online");
      assertEquals(0, server.count("SELECT count(*) FROM messages WHERE text = $1", question));

      proxy.restore();
      assertThat(shopper.last()).hasAttribute("data-seq", "3",
        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
      assertThat(bot.last()).containsText("30 days", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
      assertThat(shopper).hasCount(2);
      assertThat(bot).hasCount(2);
      assertEquals(1, server.count("SELECT count(*) FROM messages WHERE text = $1", question));
      assertTrue(errors.stream().noneMatch(e -> e.contains("TypeError")), errors.toString());
    }
  }
}
