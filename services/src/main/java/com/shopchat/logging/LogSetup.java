package com.shopchat.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import com.shopchat.config.LogSettings;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@code LOG_LEVEL} and {@code LOG_FORMAT} once the configuration is read. logback.xml starts every
 * command with JSON lines at INFO; the configuration is only known after that, so the server switches the root
 * level and its console appender's encoder here.
 */
public final class LogSetup {

  private LogSetup() {
  }

  /**
   * Sets the root level and the console's line format, and routes java.util.logging into logback; nothing when
   * logback is not the backend.
   */
  public static void apply(LogSettings settings) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    // Libraries that log through java.util.logging (Lucene) would otherwise print their own format to stderr.
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.level()));
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> console) {
        console.stop();
        console.setEncoder(encoder(context, settings.format()));
        console.start();
      }
    }
  }

  private static EncoderBase<ILoggingEvent> encoder(LoggerContext context, String format) {
    EncoderBase<ILoggingEvent> encoder = LogSettings.TEXT.equals(format) ? new TextLineEncoder() : new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
