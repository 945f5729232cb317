package com.shopchat.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reassembles a websocket's data frames into whole messages and decodes text strictly as UTF-8. Vert.x's own
 * text handler decodes leniently, so bytes that are not UTF-8 arrived as U+FFFD and were stored as if the
 * shopper had typed them; RFC 6455 (8.1) says such a connection must be failed instead.
 */
final class FrameReader implements Handler<WebSocketFrame> {

  /** What the socket does with each message. */
  interface Messages {
    void text(String text);

    void binary();

    /** A text message that is not UTF-8. */
    void invalidText();

    /** A message, reassembled from its frames, over the byte cap. */
    void tooLarge();
  }

  private final int maxBytes;
  private final Messages messages;
  private Buffer text;
  private boolean binary;

  FrameReader(int maxBytes, Messages messages) {
    this.maxBytes = maxBytes;
    this.messages = messages;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (frame.isText()) {
      text = Buffer.buffer().appendBuffer(frame.binaryData());
      binary = false;
    } else if (frame.isBinary()) {
      text = null;
      binary = true;
    } else if (frame.isContinuation() && text != null) {
      text.appendBuffer(frame.binaryData());
    } else if (!(frame.isContinuation() && binary)) {
      return; // ping, pong and close are Vert.x's to answer
    }
    if (text != null && text.length() > maxBytes) {
      text = null;
      messages.tooLarge();
      return;
    }
    if (!frame.isFinal()) {
      return;
    }
    if (text != null) {
      Buffer whole = text;
      text = null;
      decode(whole);
    } else {
      binary = false;
      messages.binary();
    }
  }

  private void decode(Buffer bytes) {
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes.getBytes()))
        .toString();
    } catch (CharacterCodingException e) {
      messages.invalidText();
      return;
    }
    messages.text(decoded);
  }
}
