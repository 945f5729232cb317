package com.shopchat.logging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.UUID;

/**
 * Where a request's log ids live while it runs: a local of its Vert.x duplicated context, not a thread-local.
 * One event loop interleaves many requests and hands their work to workers; Vert.x carries the duplicated
 * context through every future, timer and {@code executeBlocking} the request starts, so its ids follow its
 * work and nobody else's. {@link ContextMdcFilter} copies them into the MDC of each log call.
 */
public final class LogContext {

  private LogContext() {
  }

  /** The ids of the code running now, or {@code null} outside a request. */
  public static LogIds current() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(LogContextProvider.IDS);
  }

  /**
   * Makes the current context a request's, with this id: an HTTP request's (Vert.x gives each its own
   * duplicated context). Ignored on a shared context, whose locals every request on it would see.
   */
  public static void startRequest(String requestId) {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      context.putLocal(LogContextProvider.IDS, new LogIds(requestId, null));
    }
  }

  /** The request running now concerns this conversation from here on (its later log lines carry the id). */
  public static void conversation(String conversationId) {
    Context context = Vertx.currentContext();
    LogIds ids = context == null ? null : context.getLocal(LogContextProvider.IDS);
    if (ids != null && conversationId != null && !conversationId.equals(ids.conversationId())) {
      context.putLocal(LogContextProvider.IDS, ids.withConversation(conversationId));
    }
  }

  /**
   * Runs {@code work} now, on this thread, as a new request of its own: in a fresh duplicate of the current
   * context with a new request id and this conversation ({@code null}: none yet). A websocket's frames all
   * arrive on one context; each frame gets its own, so a turn still running keeps its ids while the next
   * frame is read. Outside Vert.x it just runs.
   */
  public static void newRequest(String conversationId, Runnable work) {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal)) {
      work.run();
      return;
    }
    ContextInternal fresh = internal.unwrap().duplicate();
    fresh.putLocal(LogContextProvider.IDS, new LogIds(newId(), conversationId));
    fresh.dispatch(v -> work.run());
  }

  /**
   * {@code future}, seen from the context running now: its callbacks run here, with this request's ids, even when
   * it belongs to another request. Vert.x runs a future's callbacks on the context that made it, so work queued
   * behind another request's future (a socket's frames, a conversation's turns) would otherwise run, and log, as
   * that request.
   */
  public static <T> Future<T> here(Future<T> future) {
    if (!(Vertx.currentContext() instanceof ContextInternal context)) {
      return future;
    }
    Promise<T> here = context.promise();
    future.onComplete(here);
    return here.future();
  }

  /** A new request id: a random UUID, which the log masking never mistakes for a phone number. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
