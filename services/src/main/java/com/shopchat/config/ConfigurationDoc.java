package com.shopchat.config;

import java.util.List;
import java.util.Map;

/** docs/configuration.md, generated from {@link AppConfig#KEYS} so the reference never drifts from the code. */
public final class ConfigurationDoc {

  /** Where the generated page lives, from the repository's root. */
  public static final String PATH = "docs/configuration.md";
  /** The command that rewrites it. */
  public static final String COMMAND = "java -jar services/target/chatbot.jar config docs --out " + PATH;

  private ConfigurationDoc() {
  }

  /** The whole page for these settings; {@code accepted}: what each checked one accepts, by file key. */
  public static String markdown(List<AppConfig.Key> keys, Map<String, String> accepted) {
    StringBuilder md = new StringBuilder()
      .append("# Configuration reference\n\n")
      .append("<!-- Generated from AppConfig.KEYS by `").append(COMMAND).append("`; do not edit by hand:\n")
      .append("     ConfigurationDocTest fails until this file matches the code. -->\n\n")
      .append("Every setting has a key in the optional JSON config file (`CONFIG_FILE`, else `./config.json` when it\n")
      .append("exists) and an environment variable, which wins over the file. The standard PostgreSQL variables are\n")
      .append("honoured. A value that cannot be used stops the start before anything else happens, with a message that\n")
      .append("names the variable and the value, and exit status 2:\n\n")
      .append("```\n")
      .append("configuration HTTP_PORT: expected a whole number, got 'eighty'\n")
      .append("configuration SHUTDOWN_GRACE_SECONDS: must be between 1 and 600, got -5\n")
      .append("configuration DEMO_DATA: expected true or false (or yes/no, on/off, 1/0), got 'maybe'\n")
      .append("configuration ALLOWED_ORIGINS: expected origins like https://shop.example or http://localhost:3000 ")
      .append("(scheme, host, optional port; no path), or *; got 'shop.example'\n")
      .append("configuration CONFIG_FILE: unknown key 'httpport'; the settings are listed in docs/configuration.md\n")
      .append("```\n\n")
      .append("A bad value found in the file names its key too (`HTTP_PORT (httpPort in the config file)`). The\n")
      .append("*accepts* column is read off the checks themselves: whole numbers in that range, or a boolean\n")
      .append("(`true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`); the meaning says what else is checked.\n\n")
      .append("| key | environment | default | accepts | meaning |\n")
      .append("|---|---|---|---|---|\n");
    for (AppConfig.Key key : keys) {
      // A literal value in code font; a description of one ("(none)", "OS user, else postgres") as text.
      String value = key.defaultValue();
      md.append("| ").append(key.fileKey())
        .append(" | `").append(key.env()).append('`')
        .append(" | ").append(value.startsWith("(") || value.contains(" ") ? cell(value) : "`" + value + "`")
        .append(" | ").append(accepted.getOrDefault(key.fileKey(), ""))
        .append(" | ").append(cell(key.meaning()))
        .append(" |\n");
    }
    return md.toString();
  }

  /** A table cell: a '|' would end it early. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
