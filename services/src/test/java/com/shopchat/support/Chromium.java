package com.shopchat.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's headless chromium under Playwright, for the browser tests; Playwright never downloads a browser. */
public final class Chromium {

  private Chromium() {
  }

  public static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  public static Browser launch(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
      .setExecutablePath(executable())
      .setHeadless(true)
      .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync")));
  }

  /** Playwright and its chromium for one test class, started together and closed together. */
  public record Session(Playwright playwright, Browser browser) implements AutoCloseable {

    public static Session start() {
      Playwright playwright = Chromium.playwright();
      try {
        return new Session(playwright, launch(playwright));
      } catch (RuntimeException e) {
        playwright.close();
        throw e;
      }
    }

    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }

  /** Collects the page's console errors and uncaught exceptions into {@code errors}. */
  public static void collectErrors(Page page, List<String> errors) {
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        errors.add(m.text());
      }
    });
    page.onPageError(errors::add);
  }

  /**
   * A new page of {@code context} on the admin console at {@code port}, its uncaught script errors going to
   * {@code errors}, with the sign-in form filled in and submitted (what the page shows next is the caller's to await).
   */
  public static Page adminSignIn(BrowserContext context, int port, String email, String password,
      List<String> errors) {
    Page page = context.newPage();
    page.onPageError(errors::add);
    page.navigate("http://127.0.0.1:" + port + "/admin/");
    page.getByTestId("admin-email").fill(email);
    page.getByTestId("admin-password").fill(password);
    page.getByTestId("admin-signin-submit").click();
    return page;
  }

  private static Path executable() {
    Path path = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException("browser tests need Debian's chromium at " + path
        + " (apt-get install -y chromium, or set CHROMIUM); .ci/run installs it");
    }
    return path;
  }
}
