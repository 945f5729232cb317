package com.shopchat.nlu;

import io.vertx.core.Future;

/**
 * Decides what a shopper wants. Implementations that do real work (model inference) must do it off
 * the event loop and complete the future there; callers only compose.
 */
public interface IntentRecognizer {

  Future<Understanding> understand(String text, String locale);
}
