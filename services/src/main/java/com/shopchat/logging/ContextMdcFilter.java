package com.shopchat.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the running request's ids ({@link LogContext}) into the MDC on every log call, and takes them out when no
 * request runs. A turbo filter runs on the logging thread before the event is made, so the event's MDC is the
 * request's even though the event loop thread served another request a moment ago: the thread-local MDC is only
 * ever a copy of the context's ids, never their store. Decides nothing about the event itself.
 */
public final class ContextMdcFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    LogIds ids = LogContext.current();
    sync(LogIds.REQUEST_ID, ids == null ? null : ids.requestId());
    sync(LogIds.CONVERSATION_ID, ids == null ? null : ids.conversationId());
    return FilterReply.NEUTRAL;
  }

  private static void sync(String key, String value) {
    // Only when it differs: each put copies the MDC map the next event reads.
    if (!Objects.equals(MDC.get(key), value)) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
