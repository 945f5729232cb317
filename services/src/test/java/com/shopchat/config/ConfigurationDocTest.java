package com.shopchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The configuration reference")
class ConfigurationDocTest {

  /** Tests run in services/; the page is at the repository's root. */
  private static final Path COMMITTED = Path.of("..", ConfigurationDoc.PATH);

  @Test
  @DisplayName("docs/configuration.md is exactly what `chatbot config docs` generates from AppConfig.KEYS.")
  void committedPageIsCurrent() throws Exception {
    String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "(missing)";
    assertEquals(ConfigurationDoc.markdown(AppConfig.KEYS, AppConfig.accepted()), committed,
      ConfigurationDoc.PATH + " is out of date; regenerate it from the repository's root with: mvn -q -pl services "
        + "-am package -DskipTests && " + ConfigurationDoc.COMMAND);
  }

  @Test
  @DisplayName("Every setting the configuration reads is documented in AppConfig.KEYS under the same file key and variable, and every documented one is read.")
  void keysDocumentEverySetting() {
    Map<String, String> documented = new LinkedHashMap<>();
    AppConfig.KEYS.forEach(k -> documented.put(k.fileKey(), k.env()));
    assertEquals(documented, AppConfig.settingsRead());
  }

  @Test
  @DisplayName("`chatbot config docs --out FILE` writes the page, one table row per setting.")
  void commandWritesThePage(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("configuration.md");
    assertEquals(0, Main.commandLine().execute("config", "docs", "--out", out.toString()));
    String written = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(ConfigurationDoc.markdown(AppConfig.KEYS, AppConfig.accepted()), written);
    assertEquals(AppConfig.KEYS.size(), written.lines().filter(l -> l.startsWith("| ") && l.contains(" | `")).count());
  }
}
