package com.shopchat.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.shopchat.identity.Redact;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What both log formats print of an event, with personal data masked: the formatted message (the template with
 * its arguments filled in, so a careless {@code LOG.info("… {}", email)} is caught) and the stack trace with every
 * exception message in it, causes included.
 */
final class MaskedEvent {

  // Always three fraction digits, so lines sort and line up as text (Instant.toString drops trailing zeros).
  private static final DateTimeFormatter TIMESTAMP =
    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private MaskedEvent() {
  }

  /** The event's time in UTC, ISO-8601 with milliseconds. */
  static String timestamp(ILoggingEvent event) {
    return TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()));
  }

  static String message(ILoggingEvent event) {
    return Redact.personalData(event.getFormattedMessage());
  }

  /** The stack trace as logback prints it, masked; {@code null} when the event has no exception. */
  static String throwable(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    return proxy == null ? null : Redact.personalData(ThrowableProxyUtil.asString(proxy));
  }

  /** An MDC value: ids are ours and print as they are; anything else someone put there is masked. */
  static String mdcValue(String key, String value) {
    return LogIds.REQUEST_ID.equals(key) || LogIds.CONVERSATION_ID.equals(key) ? value : Redact.personalData(value);
  }
}
