package com.shopchat.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.shopchat.config.LogSettings;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

@DisplayName("The log line encoders")
class LogEncodersTest {

  private static final LoggerContext CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();

  private static LoggingEvent event(String format, Object[] args, Throwable error, Map<String, String> mdc) {
    Logger logger = CONTEXT.getLogger("com.shopchat.Example");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, format, error, args);
    event.setTimeStamp(1_780_000_000_000L);
    event.setThreadName("vert.x-eventloop-thread-3");
    event.setMDCPropertyMap(mdc);
    return event;
  }

  @Test
  @DisplayName("write one JSON object per line with the fixed fields in order, then the MDC fields, then the stack trace")
  void jsonLine() {
    LoggingEvent e = event("turn of {} failed", new Object[] {"c-1"}, new IllegalStateException("boom"),
      Map.of("requestId", "r-1", "conversationId", "c-1", "level", "forged"));
    String line = new String(new JsonLineEncoder().encode(e), StandardCharsets.UTF_8);
    assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
    JsonObject json = new JsonObject(line);
    assertEquals(List.of("timestamp", "level", "logger", "thread", "message"), json.fieldNames().stream().limit(5).toList());
    assertEquals("2026-05-28T20:26:40.000Z", json.getString("timestamp"));
    assertEquals("WARN", json.getString("level"));
    assertEquals("com.shopchat.Example", json.getString("logger"));
    assertEquals("vert.x-eventloop-thread-3", json.getString("thread"));
    assertEquals("turn of c-1 failed", json.getString("message"));
    assertEquals("r-1", json.getString("requestId"));
    assertEquals("c-1", json.getString("conversationId"));
    assertTrue(json.getString("exception").startsWith("java.lang.IllegalStateException: boom"), json.encode());
  }

  @Test
  @DisplayName("mask emails, phones and addresses in the message, its arguments, the exception messages and MDC values")
  void masking() {
    LoggingEvent e = event("{} lives at {}", new Object[] {"anna@example.com", "Hauptstraße 12"},
      new RuntimeException("wrapper", new IllegalArgumentException("bad phone 0170-1234567")),
      Map.of("shopper", "anna@example.com"));
    for (byte[] bytes : List.of(new JsonLineEncoder().encode(e), new TextLineEncoder().encode(e))) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertFalse(text.contains("anna@example.com") || text.contains("1234567") || text.contains("Hauptstraße"), text);
      assertTrue(text.contains("a***@example.com lives at [address]") && text.contains("bad phone ****-*****67"), text);
    }
  }

  @Test
  @DisplayName("write a readable text line with the ids when asked for text")
  void textLine() {
    LoggingEvent e = event("listening on port {}", new Object[] {8080}, null, Map.of("requestId", "r-1"));
    assertEquals("2026-05-28T20:26:40.000Z WARN  Example [vert.x-eventloop-thread-3] {requestId=r-1} listening on port 8080\n",
      new String(new TextLineEncoder().encode(e), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("LOG_FORMAT and LOG_LEVEL switch the console's encoder and the root level, and back; java.util.logging is routed in")
  void setup() {
    Logger root = CONTEXT.getLogger(Logger.ROOT_LOGGER_NAME);
    OutputStreamAppender<?> console = (OutputStreamAppender<?>) root.getAppender("CONSOLE");
    try {
      LogSetup.apply(new LogSettings("WARN", LogSettings.TEXT));
      assertInstanceOf(TextLineEncoder.class, console.getEncoder());
      assertEquals(Level.WARN, root.getLevel());
      assertTrue(console.isStarted());
      assertTrue(SLF4JBridgeHandler.isInstalled(), "java.util.logging routed into logback");
    } finally {
      LogSetup.apply(new LogSettings("INFO", LogSettings.JSON));
    }
    assertInstanceOf(JsonLineEncoder.class, console.getEncoder());
    assertEquals(Level.INFO, root.getLevel());
  }
}
