package com.shopchat.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One line for people reading a terminal: {@code 2026-12-06T21:40:00.123Z INFO  ChatService [thread]
 * {conversationId=…, requestId=…} message}, then the stack trace; masked as {@link JsonLineEncoder} is.
 */
public final class TextLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NONE = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160)
      .append(MaskedEvent.timestamp(event)).append(' ')
      .append(String.format("%-5s", event.getLevel())).append(' ')
      .append(shortName(event.getLoggerName())).append(" [").append(event.getThreadName()).append("] ");
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (!mdc.isEmpty()) {
      line.append('{');
      mdc.forEach((k, v) -> line.append(k).append('=').append(MaskedEvent.mdcValue(k, v)).append(", "));
      line.setLength(line.length() - 2);
      line.append("} ");
    }
    line.append(MaskedEvent.message(event)).append('\n');
    String throwable = MaskedEvent.throwable(event);
    if (throwable != null) {
      line.append(throwable);
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The class name without its package, as slf4j-simple printed it before. */
  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
