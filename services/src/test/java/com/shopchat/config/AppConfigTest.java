package com.shopchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The configuration")
class AppConfigTest {

  @Test
  @DisplayName("uses the documented defaults when nothing is set")
  void defaults() {
    AppConfig c = AppConfig.from(new JsonObject(), Map.of());
    assertEquals(8080, c.httpPort());
    assertEquals("localhost", c.pg().host());
    assertEquals(5432, c.pg().port());
    assertEquals("chatbot", c.pg().database());
    assertEquals(2000, c.maxTextLength());
    assertEquals(List.of(), c.allowedOrigins());
  }

  @Test
  @DisplayName("lets environment variables override the config file")
  void environmentWins() {
    JsonObject file = new JsonObject().put("httpPort", 9000).put("pgDatabase", "fromfile")
      .put("allowedOrigins", new JsonArray().add("https://a.example"));
    AppConfig c = AppConfig.from(file, Map.of("HTTP_PORT", "0", "ALLOWED_ORIGINS", "https://b.example, https://c.example"));
    assertEquals(0, c.httpPort());
    assertEquals("fromfile", c.pg().database());
    assertEquals(List.of("https://b.example", "https://c.example"), c.allowedOrigins());
  }

  @Test
  @DisplayName("rejects a bad value with a message naming the variable")
  void badValues() {
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(), Map.of("HTTP_PORT", "eighty")))
      .getMessage().contains("HTTP_PORT"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(), Map.of("PGPORT", "70000")))
      .getMessage().contains("PGPORT"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(), Map.of("DEMO_DATA", "maybe")))
      .getMessage().contains("DEMO_DATA"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("PGDATABASE", "chat\"; DROP DATABASE x; --")))
      .getMessage().contains("PGDATABASE"));
  }

  @Test
  @DisplayName("talks to the built-in demo shop with the demo key unless a shop API is configured")
  void shopApiDefaults() {
    AppConfig c = AppConfig.from(new JsonObject(), Map.of());
    assertEquals("", c.shopApiUrl());
    assertEquals(AppConfig.DEMO_SHOP_API_KEY, c.shopApiKey());
    assertEquals(2000, c.shopApiTimeoutMillis());
    assertEquals(0, c.demoShopPort());
    AppConfig shop = AppConfig.from(new JsonObject(), Map.of("SHOP_API_URL", "https://shop.example/",
      "SHOP_API_KEY", "s3cret", "SHOP_API_TIMEOUT_MS", "500"));
    assertEquals("https://shop.example/", shop.shopApiUrl());
    assertEquals("s3cret", shop.shopApiKey());
    assertEquals(500, shop.shopApiTimeoutMillis());
  }

  @Test
  @DisplayName("refuses a shop API URL that is not http(s) or holds a password, a real shop with the demo key, a silly timeout")
  void badShopApiValues() {
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("SHOP_API_URL", "shop.example", "SHOP_API_KEY", "k")))
      .getMessage().contains("SHOP_API_URL"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("SHOP_API_URL", "ftp://shop.example", "SHOP_API_KEY", "k")))
      .getMessage().contains("SHOP_API_URL"));
    String withPassword = assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("SHOP_API_URL", "https://bot:hunter2@shop.example", "SHOP_API_KEY", "k"))).getMessage();
    assertTrue(withPassword.contains("SHOP_API_URL") && !withPassword.contains("hunter2"), withPassword);
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("SHOP_API_URL", "https://shop.example")))
      .getMessage().contains("SHOP_API_KEY"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject().put("shopApiKey", " "), Map.of()))
      .getMessage().contains("SHOP_API_KEY"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("SHOP_API_TIMEOUT_MS", "0")))
      .getMessage().contains("SHOP_API_TIMEOUT_MS"));
    assertTrue(assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("DEMO_SHOP_PORT", "-1")))
      .getMessage().contains("DEMO_SHOP_PORT"));
  }

  @Test
  @DisplayName("signs and checks shopper identities with the public demo secret only when the demo data is on")
  void identitySecretDefaults() {
    assertEquals(AppConfig.DEMO_IDENTITY_SECRET, AppConfig.from(new JsonObject(), Map.of()).shopIdentitySecret());
    assertEquals("", AppConfig.from(new JsonObject(), Map.of("DEMO_DATA", "false")).shopIdentitySecret());
    String own = "x".repeat(AppConfig.MIN_SECRET_LENGTH);
    assertEquals(own, AppConfig.from(new JsonObject(), Map.of("DEMO_DATA", "false", "SHOP_IDENTITY_SECRET", own))
      .shopIdentitySecret());
    assertEquals(86_400, AppConfig.from(new JsonObject(), Map.of()).identityMaxTtlSeconds());
  }

  @Test
  @DisplayName("refuses a short identity secret, the demo secret without the demo, and a TTL out of range")
  void identitySecretValidation() {
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("SHOP_IDENTITY_SECRET", "short"))).getMessage().contains("SHOP_IDENTITY_SECRET"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("DEMO_DATA", "false", "SHOP_IDENTITY_SECRET", AppConfig.DEMO_IDENTITY_SECRET)))
      .getMessage().contains("demo secret"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("IDENTITY_MAX_TTL_SECONDS", "10"))).getMessage().contains("IDENTITY_MAX_TTL_SECONDS"));
  }

  @Test
  @DisplayName("never prints the identity secret")
  void secretNotPrinted() {
    String secret = "s3cret-".repeat(6);
    String printed = AppConfig.from(new JsonObject(), Map.of("SHOP_IDENTITY_SECRET", secret)).toString();
    assertFalse(printed.contains(secret), printed);
    assertTrue(printed.contains("shopIdentitySecret=(42 characters)"), printed);
  }

  @Test
  @DisplayName("documents every setting, the identity ones included")
  void keysDocumentIdentity() {
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("SHOP_IDENTITY_SECRET")));
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("IDENTITY_MAX_TTL_SECONDS")));
  }

  @Test
  @DisplayName("gives the events API the demo key with the demo data, and no key (the API off) without it")
  void eventsKeyDefaults() {
    assertEquals(EventSettings.DEMO_EVENTS_API_KEY, AppConfig.from(new JsonObject(), Map.of()).events().apiKey());
    EventSettings off = AppConfig.from(new JsonObject(), Map.of("DEMO_DATA", "false")).events();
    assertFalse(off.apiEnabled());
    assertEquals(14, off.profileHalfLifeDays());
    assertEquals(20, off.ratePerSecond());
  }

  @Test
  @DisplayName("refuses the demo events key without the demo data, and a short key, naming EVENTS_API_KEY")
  void eventsKeyRefused() {
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("DEMO_DATA", "false", "EVENTS_API_KEY", EventSettings.DEMO_EVENTS_API_KEY))).getMessage()
      .contains("EVENTS_API_KEY"));
    assertTrue(assertThrows(ConfigException.class, () -> AppConfig.from(new JsonObject(),
      Map.of("EVENTS_API_KEY", "short"))).getMessage().contains("EVENTS_API_KEY"));
    String key = "k".repeat(EventSettings.MIN_KEY_LENGTH);
    AppConfig c = AppConfig.from(new JsonObject(), Map.of("DEMO_DATA", "false", "EVENTS_API_KEY", key));
    assertEquals(key, c.events().apiKey());
    assertFalse(c.toString().contains(key), c.toString());
  }
}
