package com.shopchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The log settings")
class LogSettingsTest {

  @Test
  @DisplayName("default to JSON lines at INFO")
  void defaults() {
    assertEquals(new LogSettings("INFO", "json"), AppConfig.from(new JsonObject(), Map.of()).logs());
  }

  @Test
  @DisplayName("take LOG_LEVEL and LOG_FORMAT from the environment over the file, in any case")
  void environmentWins() {
    JsonObject file = new JsonObject().put("logLevel", "warn").put("logFormat", "json");
    assertEquals(new LogSettings("WARN", "json"), AppConfig.from(file, Map.of()).logs());
    assertEquals(new LogSettings("DEBUG", "text"),
      AppConfig.from(file, Map.of("LOG_LEVEL", "debug", "LOG_FORMAT", "TEXT")).logs());
  }

  @Test
  @DisplayName("refuse an unknown level or format, naming the variable")
  void badValues() {
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("LOG_LEVEL", "verbose"))).getMessage().contains("LOG_LEVEL"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("LOG_FORMAT", "xml"))).getMessage().contains("LOG_FORMAT"));
  }

  @Test
  @DisplayName("are documented with the other settings")
  void documented() {
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("LOG_LEVEL") && k.defaultValue().equals("INFO")));
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("LOG_FORMAT") && k.defaultValue().equals("json")));
  }
}
