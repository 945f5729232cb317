package com.shopchat.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The log lines as the production encoder writes them, captured from the root logger: an appender that encodes
 * every event with {@link JsonLineEncoder} into memory. Tests wait for a line with a bound, never a sleep.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {

  static final Duration WAIT = Duration.ofSeconds(10);

  private final JsonLineEncoder encoder = new JsonLineEncoder();
  private final List<String> lines = new ArrayList<>();

  /** Captures everything the root logger lets through, from now on. */
  static LogCapture attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogCapture capture = new LogCapture();
    capture.setContext(context);
    capture.setName("test-capture");
    capture.encoder.setContext(context);
    capture.encoder.start();
    capture.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
    return capture;
  }

  /** Stops capturing. */
  void detach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(this);
    stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    synchronized (lines) {
      lines.add(line);
      lines.notifyAll();
    }
  }

  /** How many lines so far: a mark to read the lines after. */
  int mark() {
    synchronized (lines) {
      return lines.size();
    }
  }

  /** The raw lines written since {@code mark}, each with its newline. */
  List<String> rawSince(int mark) {
    synchronized (lines) {
      return new ArrayList<>(lines.subList(mark, lines.size()));
    }
  }

  /** The lines since {@code mark}, each parsed as the JSON object it must be (a line that is not fails). */
  List<JsonObject> since(int mark) {
    return rawSince(mark).stream().map(LogCapture::parse).toList();
  }

  /** Waits, with a bound, for a line after {@code mark} that matches; fails with every line seen when none does. */
  JsonObject await(int mark, Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (lines) {
      while (true) {
        for (int i = mark; i < lines.size(); i++) {
          JsonObject line = parse(lines.get(i));
          if (wanted.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching log line within " + WAIT + "; lines: " + lines.subList(mark, lines.size()));
        }
        lines.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private static JsonObject parse(String line) {
    if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
      throw new AssertionError("not one line: " + line);
    }
    return new JsonObject(line);
  }
}
