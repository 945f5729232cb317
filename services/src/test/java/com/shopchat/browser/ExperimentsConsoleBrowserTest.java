package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.experiment.Assignment;
import com.shopchat.recommend.Impression;
import com.shopchat.recommend.Strategy;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console's experiments panel in headless chromium against the real server: create an experiment
 * (a refused one first), start it, see impressions recorded by the service in the results, roll out a winner.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The experiments panel of the admin console")
class ExperimentsConsoleBrowserTest {

  private static final String EMAIL = "experiments-admin@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String XSS_NAME = "<img src=x onerror=\"window.__xss=1\">Cards test";
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD));
    chrome = Chromium.Session.start();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  private static void shown(String id, String experimentId, String variant, Strategy strategy) throws Exception {
    server.app().experiments().recordImpression(new Impression(id, "conv-" + id, "visitor-" + id, null,
      experimentId, variant, strategy, List.of("SKU-1"), Instant.now())).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("creates, starts and reads an experiment's results, then rolls out the winner; names show as typed")
  void createStartRollOut() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      // Uncaught script errors only: the 401 of the first /me and the refused create are expected answers.
      Page page = Chromium.adminSignIn(context, server.port(), EMAIL, PASSWORD, errors);
      assertThat(page.getByTestId("exp-settings")).containsText("hybrid, cards on", SLOW_TEXT);

      page.locator("[data-testid=exp-new] summary").click();
      page.getByTestId("exp-name").fill(XSS_NAME);
      Locator rows = page.getByTestId("exp-variant");
      rows.nth(1).getByTestId("exp-variant-strategy").selectOption("content");
      rows.nth(1).getByTestId("exp-variant-cards").uncheck();
      rows.nth(1).getByTestId("exp-variant-weight").fill("60");
      page.getByTestId("exp-create").click();
      assertThat(page.getByTestId("exp-form-status")).containsText("must sum to 100", SLOW_TEXT);
      assertEquals(0, server.count("SELECT count(*) FROM experiments"));

      rows.nth(1).getByTestId("exp-variant-weight").fill("50");
      page.getByTestId("exp-create").click();
      assertThat(page.getByTestId("exp-form-status")).containsText("as a draft", SLOW_TEXT);
      assertThat(page.getByTestId("exp-detail-name")).hasText(XSS_NAME);
      assertThat(page.getByTestId("exp-item-name")).hasText(XSS_NAME);
      String id = server.string("SELECT id FROM experiments");

      page.getByTestId("exp-start").click();
      assertThat(page.getByTestId("exp-detail-meta")).containsText("running", SLOW_TEXT);
      assertEquals(id, server.app().experiments().assign("anyone").await(5, TimeUnit.SECONDS).experimentId());

      shown("imp-a1", id, "A", Strategy.HYBRID);
      shown("imp-a2", id, "A", Strategy.HYBRID);
      shown("imp-b1", id, "B", Strategy.CONTENT);
      page.getByTestId("exp-refresh").click();
      Locator a = page.locator("[data-testid=exp-result][data-variant=A]");
      assertThat(a.getByTestId("exp-result-impressions")).hasText("2", new LocatorAssertions.HasTextOptions()
        .setTimeout(15_000));
      assertThat(a.getByTestId("exp-result-ctr")).containsText("0.0 %");
      assertThat(page.locator("[data-testid=exp-result][data-variant=B]").getByTestId("exp-result-impressions"))
        .hasText("1");

      page.getByTestId("exp-winner").selectOption("B");
      page.getByTestId("exp-rollout").click();
      assertThat(page.getByTestId("exp-detail-status")).containsText("B is rolled out", SLOW_TEXT);
      assertThat(page.getByTestId("exp-settings")).containsText("content, cards off");
      assertThat(page.getByTestId("exp-start")).isDisabled();
      Assignment after = server.app().experiments().assign("anyone").await(5, TimeUnit.SECONDS);
      assertEquals(Assignment.rolledOut(Strategy.CONTENT, false), after);
      assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : window.__xss"));
    }
    assertTrue(errors.isEmpty(), errors.toString());
  }
}
