package com.shopchat.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object per line: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread},
 * {@code message}, then each MDC field ({@code requestId}, {@code conversationId}, …) at the top level, and
 * {@code exception} (the stack trace) when there is one; message, stack trace and MDC values masked by
 * {@link MaskedEvent}. Ours rather than logback's {@code JsonEncoder}, which nests the MDC, writes epoch millis,
 * and writes the message template and its arguments apart — the arguments unmasked.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NONE = new byte[0];
  private static final Set<String> FIXED = Set.of("timestamp", "level", "logger", "thread", "message", "exception");

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return (toJson(event).encode() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The event as the JSON object written for it (fields in the order above). */
  public static JsonObject toJson(ILoggingEvent event) {
    JsonObject line = new JsonObject()
      .put("timestamp", MaskedEvent.timestamp(event))
      .put("level", event.getLevel().toString())
      .put("logger", event.getLoggerName())
      .put("thread", event.getThreadName())
      .put("message", MaskedEvent.message(event));
    for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
      // A field of the line itself is never overwritten by an MDC key of the same name.
      if (!FIXED.contains(mdc.getKey()) && mdc.getValue() != null) {
        line.put(mdc.getKey(), MaskedEvent.mdcValue(mdc.getKey(), mdc.getValue()));
      }
    }
    String throwable = MaskedEvent.throwable(event);
    return throwable == null ? line : line.put("exception", throwable);
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
