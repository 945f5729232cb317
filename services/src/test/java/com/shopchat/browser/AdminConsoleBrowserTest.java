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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console (webroot/admin/) in Debian's headless chromium against the real server and PostgreSQL:
 * sign-in, editing and publishing an entry that the shop's widget then answers with, history and rollback,
 * import with its error report, and the end of a session.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The knowledge base admin console")
class AdminConsoleBrowserTest {

  private static final String EMAIL = "console-admin@shop.example";
  private static final String PASSWORD = "a long console password";
  private static final String XSS_TITLE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>Llamas";
  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
    new LocatorAssertions.HasCountOptions().setTimeout(15_000);
  private static final LocatorAssertions.ContainsTextOptions SLOW_TEXT =
    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);
  private static TestServer server;
  private static Chromium.Session chrome;
  private static Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> pageErrors = new ArrayList<>();
  private final List<String> dialogs = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("ADMIN_EMAIL", EMAIL, "ADMIN_PASSWORD", PASSWORD,
      "ADMIN_LOGIN_MAX_ATTEMPTS", "3"));
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
    assertTrue(pageErrors.isEmpty(), pageErrors.toString());
    assertTrue(dialogs.isEmpty(), "no script may open a dialog: " + dialogs);
  }

  private Page open(BrowserContext context, String path) {
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    page.onDialog(dialog -> {
      dialogs.add(dialog.message());
      dialog.dismiss();
    });
    page.navigate("http://127.0.0.1:" + server.port() + path);
    return page;
  }

  private BrowserContext context() {
    BrowserContext context = browser.newContext();
    contexts.add(context);
    return context;
  }

  private Page consolePage() {
    return open(context(), "/admin");
  }

  private static void submitSignIn(Page page, String email, String password) {
    page.getByTestId("admin-email").fill(email);
    page.getByTestId("admin-password").fill(password);
    page.getByTestId("admin-signin-submit").click();
  }

  private Page signedIn() {
    Page page = consolePage();
    submitSignIn(page, EMAIL, PASSWORD);
    assertThat(page.getByTestId("admin-console")).isVisible();
    return page;
  }

  private static void editorStatus(Page page, String text) {
    assertThat(page.getByTestId("kb-editor-status")).containsText(text, SLOW_TEXT);
  }

  /** Fills a new entry in the editor and saves it as a draft. */
  private static void createDraft(Page page, String title, String question, String answer) {
    page.getByTestId("kb-new").click();
    page.getByTestId("kb-title").fill(title);
    page.getByTestId("kb-locale").selectOption("en");
    page.getByTestId("kb-questions").fill(question + "\n  \n");
    page.getByTestId("kb-answer").fill(answer);
    page.getByTestId("kb-tags").fill("store, animals");
    page.getByTestId("kb-category").fill("visits");
    page.getByTestId("kb-save").click();
    editorStatus(page, "Saved.");
    assertThat(page.getByTestId("kb-editor-meta")).containsText("draft");
  }

  private static Locator previewAnswer(Page page, String question) {
    page.getByTestId("kb-preview-question").fill(question);
    page.getByTestId("kb-preview-submit").click();
    assertThat(page.getByTestId("kb-preview-result")).isVisible();
    return page.getByTestId("kb-preview-answer");
  }

  @Test
  @DisplayName("a wrong password is refused with a message, the right one opens the console, and signing out closes it")
  void signInAndOut() {
    Page page = consolePage();
    assertThat(page.getByTestId("admin-signin")).isVisible();
    assertThat(page.getByTestId("admin-console")).isHidden();

    submitSignIn(page, EMAIL, "not the password");
    assertThat(page.getByTestId("admin-signin-error")).hasText("Wrong email or password.");
    assertThat(page.getByTestId("admin-console")).isHidden();

    submitSignIn(page, EMAIL, PASSWORD);
    assertThat(page.getByTestId("admin-console")).isVisible();
    assertThat(page.getByTestId("admin-user")).hasText("Signed in as " + EMAIL);
    assertThat(page.getByTestId("admin-signin")).isHidden();

    page.getByTestId("admin-signout").click();
    assertThat(page.getByTestId("admin-signin")).isVisible();
    assertThat(page.getByTestId("admin-signin-notice")).hasText("You have signed out.");
    assertThat(page.getByTestId("admin-console")).isHidden();
    page.reload();
    assertThat(page.getByTestId("admin-signin")).isVisible();
  }

  @Test
  @DisplayName("after too many failed sign-ins the form says so, even for the right password")
  void tooManyAttempts() throws Exception {
    String email = "throttled-admin@shop.example";
    Page page = consolePage();
    for (int i = 0; i < 3; i++) {
      submitSignIn(page, email, "wrong " + i);
      assertThat(page.getByTestId("admin-signin-error")).hasText("Wrong email or password.");
      page.getByTestId("admin-signin-error").evaluate("node => node.textContent = ''");
    }
    submitSignIn(page, email, PASSWORD);
    assertThat(page.getByTestId("admin-signin-error")).containsText("Too many attempts: too many failed logins");
  }

  @Test
  @DisplayName("an entry titled with markup shows as text, is published, and the shop's widget answers with it")
  void publishAndAskInTheWidget() throws Exception {
    Page page = signedIn();
    String question = "may I bring my pet llama into the flagship store";
    String answer = "Llamas are welcome at our flagship store on Sundays, <b>on a lead</b>.";
    createDraft(page, XSS_TITLE, question, answer);
    assertThat(page.getByTestId("kb-editor-heading")).hasText(XSS_TITLE);
    Locator item = page.getByTestId("kb-item").filter(new Locator.FilterOptions().setHasText("Llamas"));
    assertThat(item).hasCount(1);
    assertThat(item.getByTestId("kb-item-title")).hasText(XSS_TITLE);
    assertThat(item).hasAttribute("data-status", "draft");
    String id = item.getAttribute("data-id");
    // Saved as the server keeps it: the blank question line is gone.
    assertThat(page.getByTestId("kb-questions")).hasValue(question);

    page.getByTestId("kb-publish").click();
    editorStatus(page, "Published");
    assertThat(item).hasAttribute("data-status", "published");
    assertEquals("published", server.string("SELECT status FROM knowledge_entries WHERE id = $1", id));
    assertEquals(XSS_TITLE, server.string("SELECT title FROM knowledge_entries WHERE id = $1", id));
    assertThat(page.locator("img[src=x]")).hasCount(0);

    Page shop = open(page.context(), "/");
    shop.getByTestId("shopchat-launcher").click();
    assertThat(shop.getByTestId("shopchat-status")).hasAttribute("data-state", "online",
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
    shop.getByTestId("shopchat-input").fill("May I bring my pet llama into the flagship store?");
    shop.getByTestId("shopchat-send").click();
    Locator bot = shop.locator("[data-testid=shopchat-message][data-from=bot]");
    assertThat(bot).hasCount(1, SLOW_COUNT);
    assertThat(bot.first()).containsText(answer, SLOW_TEXT);
    for (Page p : List.of(page, shop)) {
      assertEquals(null, p.evaluate("() => window.__xss ?? null"), "no injected script ran");
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "admin-console.png")));
  }

  @Test
  @DisplayName("editing a published entry is a new revision; the history compares it field by field and rollback brings the old answer back")
  void editHistoryAndRollback() throws Exception {
    Page page = signedIn();
    String question = "is there free parking for customers at the warehouse outlet";
    String before = "Yes: two hours free with any purchase.";
    String after = "Yes: three hours free, no purchase needed.";
    createDraft(page, "Parking at the outlet", question, before);
    page.getByTestId("kb-publish").click();
    editorStatus(page, "Published");

    page.getByTestId("kb-answer").fill(after);
    page.getByTestId("kb-publish").click();
    editorStatus(page, "Published");
    Locator revisions = page.getByTestId("kb-revision");
    assertThat(revisions).hasCount(3);
    assertThat(revisions.first()).hasAttribute("data-action", "update");
    assertThat(revisions.first()).containsText(EMAIL);
    assertThat(revisions.nth(1)).hasAttribute("data-action", "publish");
    assertThat(revisions.nth(2)).hasAttribute("data-action", "create");
    assertThat(previewAnswer(page, question)).hasText(after);

    page.locator("[data-testid=kb-revision][data-revision='1']").getByTestId("kb-revision-compare").click();
    Locator answerRow = page.locator("[data-testid=kb-diff-row][data-field=answer]");
    assertThat(answerRow).hasAttribute("data-changed", "true");
    assertThat(answerRow.getByTestId("kb-diff-before")).hasText(before);
    assertThat(answerRow.getByTestId("kb-diff-after")).hasText(after);
    assertThat(page.locator("[data-testid=kb-diff-row][data-field=title]")).hasAttribute("data-changed", "false");

    page.getByTestId("kb-rollback").click();
    editorStatus(page, "Rolled back to revision 1.");
    assertThat(page.getByTestId("kb-answer")).hasValue(before);
    assertThat(revisions).hasCount(4);
    assertThat(revisions.first()).hasAttribute("data-action", "rollback");
    assertThat(page.getByTestId("kb-editor-meta")).containsText("published");
    assertThat(previewAnswer(page, question)).hasText(before);
    assertThat(page.getByTestId("kb-preview-would")).hasText("Yes");
    assertThat(page.getByTestId("kb-preview-rank")).hasText("#1");
  }

  @Test
  @DisplayName("an import with a bad row lists its line number and imports nothing")
  void importWithABadRow() throws Exception {
    Page page = signedIn();
    String jsonl = """
      {"id":"import-good-1","locale":"en","title":"Gift cards","questions":["do you sell gift cards"],"answer":"Yes, from 10 euros."}
      {"id":"import-bad-2","locale":"en","title":"No answer here"}
      {"id":"import-good-3","locale":"fr","title":"Bonjour","answer":"Oui."}
      """;
    page.getByTestId("kb-import").locator("summary").click();
    page.getByTestId("kb-import-format").selectOption("jsonl");
    page.getByTestId("kb-import-text").fill(jsonl);
    page.getByTestId("kb-import-submit").click();
    assertThat(page.getByTestId("kb-import-result")).containsText("Nothing was imported");
    Locator errors = page.getByTestId("kb-import-error");
    assertThat(errors).hasCount(2);
    assertThat(errors.first()).hasAttribute("data-line", "2");
    assertThat(errors.first()).containsText("Line 2: answer");
    assertThat(errors.nth(1)).hasAttribute("data-line", "3");
    assertEquals(0, server.count("SELECT count(*) FROM knowledge_entries WHERE id LIKE 'import-%'"));
  }

  @Test
  @DisplayName("a CSV file chosen for import reports its count, and its Chinese entry is found by the locale filter and search")
  void importAFileAndFilter() throws Exception {
    Page page = signedIn();
    String title = "退货政策";
    String csv = "id,locale,title,questions,answer,tags,category,status\n"
      + "zh-console-returns,zh," + title + ",我可以退货吗|怎么退货,收到商品后三十天内可以退货。,退货,售后,published\n"
      + "en-wrapping-1,en,Gift wrapping,\"can you wrap it, please\",\"Yes, for 3 euros.\",,,draft\n";
    page.getByTestId("kb-import").locator("summary").click();
    page.getByTestId("kb-import-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("faq.csv",
      "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(page.getByTestId("kb-import-format")).hasValue("csv");
    assertThat(page.getByTestId("kb-import-text")).hasValue(csv);
    page.getByTestId("kb-import-submit").click();
    assertThat(page.getByTestId("kb-import-result")).hasText("Imported 2 entries (1 published).");
    assertThat(page.getByTestId("kb-import-error")).hasCount(0);

    // The demo knowledge base has Chinese entries of its own: narrow down to the imported one.
    page.getByTestId("kb-filter-locale").selectOption("zh");
    Locator items = page.getByTestId("kb-item");
    assertThat(page.locator("[data-testid=kb-item]:not([data-locale=zh])")).hasCount(0);
    assertTrue(items.count() > 1, "the demo's Chinese entries and the imported one");
    page.getByTestId("kb-search").fill("console-returns");
    assertThat(items).hasCount(1);
    assertThat(items.first().getByTestId("kb-item-title")).hasText(title);
    items.first().locator("button").click();
    assertThat(page.getByTestId("kb-questions")).hasValue("我可以退货吗\n怎么退货");
    assertThat(page.getByTestId("kb-answer")).hasValue("收到商品后三十天内可以退货。");
    assertThat(page.getByTestId("kb-tags")).hasValue("退货");

    page.getByTestId("kb-filter-locale").selectOption("");
    page.getByTestId("kb-filter-status").selectOption("draft");
    assertThat(page.locator("[data-testid=kb-item]:not([data-status=draft])")).hasCount(0);
    page.getByTestId("kb-search").fill("wrap");
    assertThat(items).hasCount(1);
    assertThat(items.first()).hasAttribute("data-id", "en-wrapping-1");
    page.getByTestId("kb-search").fill("三十天内可以退货");
    page.getByTestId("kb-filter-status").selectOption("published");
    assertThat(items).hasCount(1);
    assertThat(items.first()).hasAttribute("data-id", "zh-console-returns");
  }

  @Test
  @DisplayName("when the session ends, the next request sends the console back to the sign-in form")
  void sessionExpiry() {
    Page page = signedIn();
    // What an idle timeout or a restart leaves: a browser without a live session.
    page.context().clearCookies();
    page.getByTestId("kb-search").fill("anything");
    assertThat(page.getByTestId("admin-signin")).isVisible();
    assertThat(page.getByTestId("admin-signin-notice")).hasText("Your session has ended. Sign in again.");
    assertThat(page.getByTestId("admin-console")).isHidden();
    submitSignIn(page, EMAIL, PASSWORD);
    assertThat(page.getByTestId("admin-console")).isVisible();
  }
}
