package com.shopchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The operating settings")
class OpsSettingsTest {

  @Test
  @DisplayName("serve metrics and give PostgreSQL one second to answer readiness by default")
  void defaults() {
    OpsSettings ops = AppConfig.from(new JsonObject(), Map.of()).ops();
    assertTrue(ops.metricsEnabled());
    assertEquals(1000, ops.healthDatabaseTimeoutMillis());
  }

  @Test
  @DisplayName("turn metrics off with METRICS_ENABLED=false and take the readiness timeout from HEALTH_DB_TIMEOUT_MS")
  void fromEnvironment() {
    OpsSettings ops = AppConfig.from(new JsonObject(),
      Map.of("METRICS_ENABLED", "false", "HEALTH_DB_TIMEOUT_MS", "250")).ops();
    assertFalse(ops.metricsEnabled());
    assertEquals(250, ops.healthDatabaseTimeoutMillis());
  }

  @Test
  @DisplayName("refuse a readiness timeout under 50 ms, naming the variable")
  void tooShortTimeout() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> AppConfig.from(new JsonObject(), Map.of("HEALTH_DB_TIMEOUT_MS", "10")));
    assertTrue(e.getMessage().contains("HEALTH_DB_TIMEOUT_MS"), e.getMessage());
  }

  @Test
  @DisplayName("are documented in AppConfig.KEYS")
  void documented() {
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("METRICS_ENABLED")));
    assertTrue(AppConfig.KEYS.stream().anyMatch(k -> k.env().equals("HEALTH_DB_TIMEOUT_MS")));
  }
}
