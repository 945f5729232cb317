package com.shopchat.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;

/**
 * Pings a server websocket on a timer. The HTTP server closes connections idle for {@code HTTP_IDLE_TIMEOUT_SECONDS}
 * (so stalled clients cannot hold sockets for ever); a chat or agent console that is merely quiet must stay open,
 * and a ping written — and the browser's automatic pong — counts as activity.
 */
public final class KeepAlive {

  private KeepAlive() {
  }

  /** Pings {@code ws} every {@code interval} until it closes; the timer cancels itself then. */
  public static void start(Vertx vertx, ServerWebSocket ws, Duration interval) {
    vertx.setPeriodic(interval.toMillis(), id -> {
      if (ws.isClosed()) {
        vertx.cancelTimer(id);
      } else {
        ws.writePing(Buffer.buffer());
      }
    });
  }

  /** Half the idle timeout: a ping always lands well before the connection would count as idle. */
  public static Duration intervalFor(int idleTimeoutSeconds) {
    return Duration.ofMillis(idleTimeoutSeconds * 500L);
  }
}
