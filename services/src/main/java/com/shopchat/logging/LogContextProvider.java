package com.shopchat.logging;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Registers the log ids' context local. Vert.x sizes each instance's context storage from the locals registered
 * before it starts, and loads these providers first, so the registration lives here
 * (META-INF/services/io.vertx.core.spi.VertxServiceProvider) as its {@code ContextLocal} javadoc advises.
 */
public final class LogContextProvider implements VertxServiceProvider {

  /** The request's log ids on its duplicated context. */
  public static final ContextLocal<LogIds> IDS = ContextLocal.registerLocal(LogIds.class);

  @Override
  public void init(VertxBootstrap builder) {
    // Registering happens when this class loads; nothing else to set up.
  }
}
