package com.shopchat.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.shopchat.support.Chromium;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
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
 * import with its error report, export, the tag filter, the unsaved-changes question, an edit conflict between
 * two admins, and the end of a session.
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
  /** The browser's own "leave site?" questions, asked by a beforeunload handler; each is answered "stay". */
  private final List<String> beforeUnloads = new ArrayList<>();

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
      (dialog.type().equals("beforeunload") ? beforeUnloads : dialogs).add(dialog.message());
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
    createDraft(page, title, question, answer, "store, animals");
  }

  /** Fills a new entry with these comma-separated tags and saves it as a draft; returns its id. */
  private static String createDraft(Page page, String title, String question, String answer, String tags) {
    page.getByTestId("kb-new").click();
    page.getByTestId("kb-title").fill(title);
    page.getByTestId("kb-locale").selectOption("en");
    page.getByTestId("kb-questions").fill(question + "\n  \n");
    page.getByTestId("kb-answer").fill(answer);
    page.getByTestId("kb-tags").fill(tags);
    page.getByTestId("kb-category").fill("visits");
    page.getByTestId("kb-save").click();
    editorStatus(page, "Saved.");
    assertThat(page.getByTestId("kb-editor-meta")).containsText("draft");
    return page.getByTestId("kb-editor-meta").textContent().split(" · ")[0];
  }

  /** Opens the entry with this id from the list, searching for it first. */
  private static void openFromList(Page page, String id) {
    page.getByTestId("kb-search").fill(id);
    Locator item = page.locator("[data-testid=kb-item][data-id='" + id + "']");
    assertThat(item).hasCount(1);
    item.locator("button").click();
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
  @DisplayName("two admins edit one entry: the second save is refused with a clear message, keeps the typed text, and reload shows the other's version")
  void editConflict() throws Exception {
    Page first = signedIn();
    String id = createDraft(first, "Lockers at the outlet", "are there lockers at the outlet",
      "Yes, by the entrance.", "lockers");
    Page second = signedIn();
    openFromList(second, id);
    assertThat(second.getByTestId("kb-answer")).hasValue("Yes, by the entrance.");

    second.getByTestId("kb-answer").fill("Yes, twenty lockers by the north entrance.");
    second.getByTestId("kb-save").click();
    editorStatus(second, "Saved.");

    String mine = "Yes, lockers for bags up to 40 litres.";
    first.getByTestId("kb-answer").fill(mine);
    first.getByTestId("kb-save").click();
    editorStatus(first, "changed by someone else since you opened it");
    assertThat(first.getByTestId("kb-editor-status")).containsText("reload to see their version");
    assertThat(first.getByTestId("kb-editor-status")).hasAttribute("data-kind", "error");
    assertThat(first.getByTestId("kb-answer")).hasValue(mine);
    assertThat(first.getByTestId("kb-conflict")).isVisible();
    first.getByTestId("kb-editor-status").scrollIntoViewIfNeeded();
    first.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "admin-conflict.png")));
    assertEquals("Yes, twenty lockers by the north entrance.",
      server.string("SELECT answer FROM knowledge_entries WHERE id = $1", id));
    assertEquals(2L, server.count("SELECT count(*) FROM knowledge_revisions WHERE entry_id = $1", id));

    // Publishing from the stale revision is refused the same way, and publishes nothing.
    first.getByTestId("kb-publish").click();
    editorStatus(first, "Not published: this entry was changed by someone else");
    assertEquals("draft", server.string("SELECT status FROM knowledge_entries WHERE id = $1", id));

    // Reloading would throw the typed text away: asked first; then the other admin's version shows.
    first.getByTestId("kb-reload").click();
    assertThat(first.getByTestId("kb-unsaved")).isVisible();
    first.getByTestId("kb-unsaved-discard").click();
    assertThat(first.getByTestId("kb-answer")).hasValue("Yes, twenty lockers by the north entrance.");
    assertThat(first.getByTestId("kb-editor-meta")).hasAttribute("data-revision", "2");
    assertThat(first.getByTestId("kb-conflict")).isHidden();
    first.getByTestId("kb-answer").fill(mine);
    first.getByTestId("kb-save").click();
    editorStatus(first, "Saved.");
    assertEquals(mine, server.string("SELECT answer FROM knowledge_entries WHERE id = $1", id));
  }

  @Test
  @DisplayName("the tag filter narrows the list to entries with that tag, offering the tags seen")
  void tagFilter() throws Exception {
    Page page = signedIn();
    String tag = "tag" + Long.toString(System.nanoTime(), 36);
    String other = tag + "-other";
    String a = createDraft(page, "Umbrella loans", "can i borrow an umbrella", "Yes, at every till.", tag);
    String b = createDraft(page, "Umbrella returns", "where do i return an umbrella", "At any store.",
      other + ", " + tag);
    String c = createDraft(page, "Rain covers", "do you sell rain covers", "Yes, for prams.", other);

    Locator items = page.getByTestId("kb-item");
    assertThat(page.locator("[data-testid=kb-tag-options] option[value='" + tag + "']")).hasCount(1);
    page.getByTestId("kb-filter-tag").fill(tag);
    assertThat(page.getByTestId("kb-count")).hasText("1–2 of 2");
    assertEquals(List.of(b, a), items.evaluateAll("nodes => nodes.map(n => n.dataset.id)"));
    assertThat(items.first().getByTestId("kb-item-tags")).hasText("#" + other + " #" + tag);
    page.getByTestId("kb-filter-tag").fill(other);
    assertThat(items.first()).hasAttribute("data-id", c);
    assertEquals(List.of(c, b), items.evaluateAll("nodes => nodes.map(n => n.dataset.id)"));
    page.getByTestId("kb-filter-status").selectOption("published");
    assertThat(page.getByTestId("kb-count")).hasText("No entries match.");
    assertThat(items).hasCount(0);
  }

  @Test
  @DisplayName("with unsaved edits, opening another entry or a new one asks first, and leaving the page asks the browser")
  void unsavedChangesWarning() throws Exception {
    Page page = signedIn();
    String first = createDraft(page, "Bike repairs", "do you repair bikes", "Yes, on Saturdays.", "bikes");
    String second = createDraft(page, "Bike rental", "can i rent a bike", "Yes, by the hour.", "bikes");
    page.getByTestId("kb-filter-tag").fill("bikes");
    assertThat(page.getByTestId("kb-count")).hasText("1–2 of 2");
    Locator firstItem = page.locator("[data-testid=kb-item][data-id='" + first + "'] button");
    Locator secondItem = page.locator("[data-testid=kb-item][data-id='" + second + "'] button");
    firstItem.click();
    assertThat(page.getByTestId("kb-editor-heading")).hasText("Bike repairs");

    // Nothing typed: no question.
    secondItem.click();
    assertThat(page.getByTestId("kb-editor-heading")).hasText("Bike rental");
    assertThat(page.getByTestId("kb-unsaved")).isHidden();

    String typed = "Yes, by the hour or by the day.";
    page.getByTestId("kb-answer").fill(typed);
    firstItem.click();
    assertThat(page.getByTestId("kb-unsaved")).isVisible();
    assertThat(page.getByTestId("kb-unsaved-message")).containsText("“Bike rental” has changes that are not saved");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "admin-unsaved.png")));
    page.getByTestId("kb-unsaved-keep").click();
    assertThat(page.getByTestId("kb-unsaved")).isHidden();
    assertThat(page.getByTestId("kb-editor-heading")).hasText("Bike rental");
    assertThat(page.getByTestId("kb-answer")).hasValue(typed);

    page.getByTestId("kb-new").click();
    assertThat(page.getByTestId("kb-unsaved")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.getByTestId("kb-unsaved")).isHidden();
    assertThat(page.getByTestId("kb-answer")).hasValue(typed);

    // Closing the tab: the browser asks; staying keeps the text.
    page.close(new Page.CloseOptions().setRunBeforeUnload(true));
    page.waitForCondition(() -> !beforeUnloads.isEmpty());
    assertEquals(1, beforeUnloads.size());
    assertTrue(!page.isClosed(), "staying on the page keeps it open");
    assertThat(page.getByTestId("kb-answer")).hasValue(typed);

    firstItem.click();
    page.getByTestId("kb-unsaved-discard").click();
    assertThat(page.getByTestId("kb-editor-heading")).hasText("Bike repairs");
    assertEquals("Yes, by the hour.", server.string("SELECT answer FROM knowledge_entries WHERE id = $1", second));
    // Saved edits leave nothing to ask about.
    page.getByTestId("kb-answer").fill("Yes, on Saturdays and Sundays.");
    page.getByTestId("kb-save").click();
    editorStatus(page, "Saved.");
    secondItem.click();
    assertThat(page.getByTestId("kb-editor-heading")).hasText("Bike rental");
    assertThat(page.getByTestId("kb-unsaved")).isHidden();
  }

  @Test
  @DisplayName("export downloads every entry as JSON Lines or CSV")
  void exportDownloads() throws Exception {
    Page page = signedIn();
    createDraft(page, "=HYPERLINK(\"http://evil.example\")", "is this a formula", "-10% off today.", "sale");
    Download csv = page.waitForDownload(() -> page.getByTestId("kb-export-csv").click());
    assertEquals("knowledge.csv", csv.suggestedFilename());
    String text = Files.readString(csv.path());
    assertTrue(text.startsWith("id,locale,title,questions,answer,tags,category,status\r\n"), text);
    assertTrue(text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",") , "formula neutralised");
    assertTrue(text.contains(",'-10% off today.,"), "formula neutralised");
    assertThat(page.getByTestId("kb-export-status")).hasText("Exported knowledge.csv.");

    Download jsonl = page.waitForDownload(() -> page.getByTestId("kb-export-jsonl").click());
    assertEquals("knowledge.jsonl", jsonl.suggestedFilename());
    long lines = Files.readAllLines(jsonl.path()).stream().filter(l -> !l.isBlank()).count();
    assertEquals(server.count("SELECT count(*) FROM knowledge_entries"), lines);
  }

  @Test
  @DisplayName("when the session ends, the next request sends the console back to the sign-in form; unsaved edits survive the sign-in")
  void sessionExpiry() {
    Page page = signedIn();
    page.getByTestId("kb-title").fill("Typed before the session ended");
    // What an idle timeout or a restart leaves: a browser without a live session.
    page.context().clearCookies();
    page.getByTestId("kb-search").fill("anything");
    assertThat(page.getByTestId("admin-signin")).isVisible();
    assertThat(page.getByTestId("admin-signin-notice")).hasText("Your session has ended. Sign in again.");
    assertThat(page.getByTestId("admin-console")).isHidden();
    submitSignIn(page, EMAIL, PASSWORD);
    assertThat(page.getByTestId("admin-console")).isVisible();
    // The unsaved edit is still there to save.
    assertThat(page.getByTestId("kb-title")).hasValue("Typed before the session ended");
    editorStatus(page, "your changes are still here, not saved yet");
  }
}
