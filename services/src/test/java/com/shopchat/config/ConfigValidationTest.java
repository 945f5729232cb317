package com.shopchat.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad value stops the start with a message that names the variable and repeats the value. */
@DisplayName("Validating the configuration at start")
class ConfigValidationTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
      Arguments.of("HTTP_PORT", "65536"),
      Arguments.of("HTTP_PORT", "-1"),
      Arguments.of("HTTP_PORT", "80.5"),
      Arguments.of("PGPORT", "0"),
      Arguments.of("DEMO_SHOP_PORT", "70000"),
      Arguments.of("MAX_TEXT_LENGTH", "-1"),
      Arguments.of("MAX_FRAME_BYTES", "0"),
      Arguments.of("NLU_WORKERS", "two"),
      Arguments.of("RECOMMEND_MAX_OFFERS_PER_CONVERSATION", "-2"),
      Arguments.of("SHUTDOWN_GRACE_SECONDS", "-5"),
      Arguments.of("SHUTDOWN_GRACE_SECONDS", "0"),
      Arguments.of("SHUTDOWN_GRACE_SECONDS", "ten"),
      Arguments.of("EMBEDDED_PG", "sure"),
      Arguments.of("ADMIN_COOKIE_SECURE", "TRUEE"),
      Arguments.of("ALLOWED_ORIGINS", "shop.example"),
      Arguments.of("ALLOWED_ORIGINS", "https://shop.example/checkout"),
      Arguments.of("ALLOWED_ORIGINS", "ftp://shop.example"),
      Arguments.of("HTTP_HOST", "local host"),
      Arguments.of("PGHOST", "db host"),
      Arguments.of("NLU_MODEL_DIR", "/no/such/model/dir"),
      Arguments.of("CLUSTER_ENABLED", "maybe"),
      Arguments.of("CLUSTER_PORT", "0"),
      Arguments.of("CLUSTER_BUS_PORT", "65536"),
      Arguments.of("CLUSTER_HOST", "0.0.0.0"),
      Arguments.of("CLUSTER_HOST", "node one"),
      Arguments.of("CLUSTER_MEMBERS", "10.0.0.5"),
      Arguments.of("CLUSTER_MEMBERS", "10.0.0.6:port"),
      Arguments.of("CLUSTER_MEMBERS", "10.0.0.5:70000"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  @DisplayName("A bad environment value is refused with a message naming the variable and the value.")
  void badValueNamed(String variable, String value) {
    String message = assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of(variable, value))).getMessage();
    assertTrue(message.startsWith("configuration " + variable + ": "), message);
    assertTrue(message.contains(value), message);
  }

  @Test
  @DisplayName("A bad value in the config file is refused naming both the variable and the file key.")
  void badFileValueNamesItsKey() {
    String message = assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject().put("httpPort", "eighty"), Map.of())).getMessage();
    assertEquals("configuration HTTP_PORT (httpPort in the config file): expected a whole number, got 'eighty'", message);
  }

  @Test
  @DisplayName("A key in the config file that is no setting (a typo) is refused, not ignored.")
  void unknownFileKey() {
    String message = assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject().put("httpport", 9000), Map.of())).getMessage();
    assertEquals("configuration CONFIG_FILE: unknown key 'httpport'; the settings are listed in docs/configuration.md",
      message);
  }

  @Test
  @DisplayName("Origins as browsers send them, with or without a trailing slash, and * are accepted.")
  void goodOrigins() {
    AppConfig c = AppConfig.from(new JsonObject(), Map.of("ALLOWED_ORIGINS",
      "https://shop.example/, http://localhost:3000, https://[::1]:8443"));
    assertEquals(List.of("https://shop.example/", "http://localhost:3000", "https://[::1]:8443"), c.allowedOrigins());
    assertDoesNotThrow(() -> AppConfig.from(new JsonObject(), Map.of("ALLOWED_ORIGINS", "*")));
  }

  @Test
  @DisplayName("The shutdown grace defaults to 10 seconds and can be set.")
  void shutdownGrace() {
    assertEquals(10, AppConfig.from(new JsonObject(), Map.of()).shutdownGraceSeconds());
    assertEquals(25, AppConfig.from(new JsonObject(), Map.of("SHUTDOWN_GRACE_SECONDS", "25")).shutdownGraceSeconds());
  }

  @Test
  @DisplayName("Clustering is off by default; on, it needs the members listed, and reads the node's addresses.")
  void cluster() {
    ClusterSettings off = AppConfig.from(new JsonObject(), Map.of()).cluster();
    assertEquals(false, off.enabled());
    assertEquals(List.of(), off.members());
    String message = assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("CLUSTER_ENABLED", "true"))).getMessage();
    assertTrue(message.startsWith("configuration CLUSTER_MEMBERS: "), message);
    ClusterSettings on = AppConfig.from(new JsonObject(), Map.of("CLUSTER_ENABLED", "true", "CLUSTER_HOST", "10.0.0.5",
      "CLUSTER_PORT", "5801", "CLUSTER_BUS_PORT", "5802", "CLUSTER_MEMBERS", "10.0.0.5:5801, 10.0.0.6:5801")).cluster();
    assertEquals(new ClusterSettings(true, "shopchat", "10.0.0.5", 5801, 5802, List.of("10.0.0.5:5801",
      "10.0.0.6:5801")), on);
  }
}
