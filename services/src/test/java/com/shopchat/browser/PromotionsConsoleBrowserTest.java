package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
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
 * The admin console's promotions panel in headless chromium against the real server: a refused definition shows
 * the API's message, a good one is listed with its name as typed, activated, and its results read.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The promotions panel of the admin console")
class PromotionsConsoleBrowserTest {

  private static final String ADMIN = "promo-console-admin@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String XSS_NAME = "<img src=x onerror=\"window.__xss=1\">Winter";
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", ADMIN, "ADMIN_PASSWORD", PASSWORD));
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
  @DisplayName("creates a promotion after a refused try, activates it and reads its results; the name shows as typed")
  void createActivateResults() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      Page page = Chromium.adminSignIn(context, server.port(), ADMIN, PASSWORD, errors);
      assertThat(page.getByTestId("admin-console")).isVisible();

      page.getByTestId("promo-new").click();
      page.getByTestId("promo-name").fill(XSS_NAME);
      page.getByTestId("promo-code").fill("winter10");
      page.getByTestId("promo-percentOff").fill("10");
      page.getByTestId("promo-rule").selectOption("cart_above");
      page.getByTestId("promo-thresholdCents").fill("5000");
      page.getByTestId("promo-textEn").fill("10 % off your cart with WINTER10");
      page.getByTestId("promo-textZh").fill("购物车九折：WINTER10");
      page.getByTestId("promo-save").click();
      assertThat(page.getByTestId("promo-form-status")).containsText("code must be", SLOW_TEXT);
      assertEquals(0, server.count("SELECT count(*) FROM promotions"));

      page.getByTestId("promo-code").fill("WINTER10");
      page.getByTestId("promo-save").click();
      assertThat(page.getByTestId("promo-status")).containsText("not offered until activated", SLOW_TEXT);
      Locator row = page.locator("[data-testid=promo-row][data-code=WINTER10]");
      assertThat(row.locator("td").first()).hasText(XSS_NAME);
      assertThat(row.getByTestId("promo-active")).hasText("no");

      row.getByTestId("promo-toggle").click();
      assertThat(row.getByTestId("promo-active")).hasText("yes", new LocatorAssertions.HasTextOptions()
        .setTimeout(15_000));
      assertEquals(1, server.count("SELECT count(*) FROM promotions WHERE code = 'WINTER10' AND active"));

      row.getByTestId("promo-show-results").click();
      assertThat(page.getByTestId("promo-results")).containsText("0 offers, 0 clicks", SLOW_TEXT);
      assertEquals(Boolean.TRUE, page.evaluate("() => window.__xss === undefined"));
    }
    assertEquals(List.of(), errors);
  }
}
