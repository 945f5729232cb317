package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.support.AnalyticsData;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console's Analytics and Conversations panels in headless chromium over the scripted data set
 * (support/AnalyticsData): the figures shown are the hand-computed ones, every chart has drawn its data as SVG,
 * a table downloads as CSV, and a searched conversation opens with each bot turn's intent, confidence and model.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The analytics and conversation review panels of the admin console")
class AnalyticsConsoleBrowserTest {

  private static final String EMAIL = "analytics-console@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String XSS = "<img src=x onerror=\"window.__xss=1\">where is order 10042?";
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  private static final String[] CHARTS = {"an-chart-days", "an-chart-reasons", "an-chart-csat", "an-chart-funnel",
    "an-chart-intents"};
  private static TestServer server;
  private static Chromium.Session chrome;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD));
    AnalyticsData.load(server);
    // Markup a shopper typed: the transcript must show it as text (the figures do not depend on message text).
    server.pool().preparedQuery("UPDATE messages SET text = $1 WHERE conversation_id = 'an-c1' AND seq = 1")
      .execute(io.vertx.sqlclient.Tuple.of(XSS)).await(10, java.util.concurrent.TimeUnit.SECONDS);
    // Two questions the bot could not answer, as the learning loop's inbox records them: one open knowledge gap.
    server.pool().query("INSERT INTO nlu_inbox (conversation_id, seq, text, locale, intent, confidence, reasons, "
      + "unanswered) VALUES ('an-c1', 901, 'do you sell gift vouchers for weddings', 'en', 'oos', 0.4, "
      + "'{oos}', true), ('an-c2', 902, 'wedding gift vouchers?', 'en', 'oos', 0.3, '{oos}', true)")
      .execute().await(10, java.util.concurrent.TimeUnit.SECONDS);
    chrome = Chromium.Session.start();
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    if (chrome != null) {
      chrome.close();
    }
    server.stop(vertx);
  }

  private static Page signedIn(BrowserContext context, List<String> errors) {
    Page page = Chromium.adminSignIn(context, server.port(), EMAIL, PASSWORD, errors);
    assertThat(page.getByTestId("an-kpis")).containsText("Containment", SLOW_TEXT);
    return page;
  }

  @Test
  @DisplayName("the dashboard shows the scripted figures, draws every chart with its data, and exports a table as CSV")
  void dashboard() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
      .setAcceptDownloads(true).setViewportSize(1400, 1000))) {
      Page page = signedIn(context, errors);
      page.getByTestId("an-from").fill(AnalyticsData.FROM);
      page.getByTestId("an-to").fill(AnalyticsData.TO);
      page.getByTestId("an-apply").click();
      assertThat(page.getByTestId("an-kpi-containment-value")).hasText("42.9 %",
        new LocatorAssertions.HasTextOptions().setTimeout(15_000));
      assertThat(page.getByTestId("an-kpi-conversations-value")).hasText("7");
      assertThat(page.getByTestId("an-kpi-csat-value")).hasText("3.67 / 5");
      assertThat(page.getByTestId("an-kpi-revenue-value")).hasText("€100.00");
      assertThat(page.getByTestId("an-days-row")).hasCount(2, SLOW_COUNT);

      for (String chart : CHARTS) {
        Locator svg = page.getByTestId(chart).locator("svg");
        assertThat(svg).hasCount(1);
        Number shapes = (Number) page.evaluate("id => document.querySelector(`[data-testid=${id}] svg`)"
          + ".querySelectorAll('path').length", chart);
        assertTrue(shapes.intValue() >= 3, chart + " drew " + shapes + " paths");
      }
      // The bars drawn are the day's figures: the chart's own series data, and labels ECharts wrote into the SVG.
      assertEquals(List.of(1, 2), page.evaluate("() => echarts.getInstanceByDom(document.querySelector("
        + "'[data-testid=an-chart-days]')).getOption().series[0].data"));
      assertThat(page.getByTestId("an-chart-days").locator("svg")).containsText("2025-03-02");
      assertThat(page.getByTestId("an-chart-reasons").locator("svg")).containsText("misunderstood");
      assertThat(page.getByTestId("an-chart-funnel").locator("svg")).containsText("Impressions");
      // The CSAT chart drew its three non-empty bars: filled paths with a real box.
      Number drawnBars = (Number) page.evaluate("() => [...document.querySelectorAll("
        + "'[data-testid=an-chart-csat] svg path')].filter(p => { const b = p.getBBox(); return b.width > 5 "
        + "&& b.height > 5 && p.getAttribute('fill') && p.getAttribute('fill') !== 'none'; }).length");
      assertTrue(drawnBars.intValue() >= 3, "CSAT bars drawn: " + drawnBars);

      Download csv = page.waitForDownload(() -> page.getByTestId("an-days-csv").click());
      assertEquals("an-days.csv", csv.suggestedFilename());
      String text = Files.readString(csv.path());
      assertTrue(text.startsWith("Day,Conversations,Contained,Handed off,Containment,Bot turns,Fallback (oos)\r\n"),
        text);
      assertTrue(text.contains("2025-03-01,3,1,2,0.3333333333333333,5,0.4\r\n"), text);
      assertTrue(text.contains("2025-03-02,4,2,2,0.5,4,0\r\n"), text);

      // The open knowledge gaps, grouped: both phrasings in one row.
      assertThat(page.getByTestId("an-unanswered-row")).hasCount(1);
      assertThat(page.getByTestId("an-unanswered-row")).containsText("wedding gift vouchers?");
      assertThat(page.getByTestId("an-unanswered-row")).containsText("do you sell gift vouchers for weddings");

      page.getByTestId("an-locale").selectOption("zh");
      page.getByTestId("an-apply").click();
      assertThat(page.getByTestId("an-kpi-conversations-value")).hasText("1",
        new LocatorAssertions.HasTextOptions().setTimeout(15_000));
      assertThat(page.getByTestId("an-kpi-handoff-value")).hasText("100.0 %");
    }
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  @DisplayName("conversation review: a search by text then by intent, a transcript with each bot turn's intent, "
    + "confidence, flow and model version, the shopper's markup shown as text")
  void review() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = chrome.browser().newContext()) {
      Page page = signedIn(context, errors);
      page.getByTestId("rv-from").fill(AnalyticsData.FROM);
      page.getByTestId("rv-to").fill(AnalyticsData.TO);
      page.getByTestId("rv-q").fill("refund");
      page.getByTestId("rv-submit").click();
      assertThat(page.getByTestId("rv-list-row")).hasCount(1, SLOW_COUNT);
      page.getByTestId("rv-open").click();
      assertThat(page.getByTestId("rv-transcript-meta")).containsText("handoff: shopper_asked", SLOW_TEXT);
      assertThat(page.getByTestId("rv-transcript-meta")).containsText("rated 5/5: quick and kind");
      Locator faq = page.locator("[data-testid=rv-message][data-seq='2']");
      assertThat(faq.getByTestId("rv-turn-meta")).hasText(
        "intent faq · confidence 0.80 · flow – · model intent-2025-02 · 55 ms · knowledge an-returns");
      assertThat(page.locator("[data-testid=rv-message][data-sender=bot]")).hasCount(2);

      page.getByTestId("rv-q").fill("");
      page.getByTestId("rv-intent").fill("track_order");
      page.getByTestId("rv-submit").click();
      assertThat(page.getByTestId("rv-list-row")).hasCount(2, SLOW_COUNT);
      page.locator("[data-testid=rv-open][data-id=an-c1]").click();
      Locator first = page.locator("[data-testid=rv-message][data-seq='1']").getByTestId("rv-message-text");
      assertThat(first).hasText(XSS, new LocatorAssertions.HasTextOptions().setTimeout(15_000));
      assertThat(page.locator("[data-testid=rv-message][data-seq='2']").getByTestId("rv-turn-meta"))
        .hasText("intent track_order · confidence 0.90 · flow order_status · model intent-2025-02 · 41 ms");
      assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : window.__xss"));
    }
    assertTrue(errors.isEmpty(), errors.toString());
  }
}
