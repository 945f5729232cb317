package com.shopchat.nlu.serve;

import com.shopchat.nlu.model.IntentModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved intent model read into memory with what serving it needs: its version (hash of weights and tokenizer) and
 * its out-of-scope threshold. Loading is blocking (file reads, the native engine): do it on a worker, as early as the
 * start allows, since nothing else needs to wait for it. Whoever holds it closes {@link #model()} or hands it on.
 */
public record LoadedModel(Path dir, String version, Float oosThreshold, IntentModel model) {

  /** Reads the model saved in {@code dir}. */
  public static LoadedModel load(Path dir) throws IOException {
    String version = ModelVersion.of(dir);
    Float threshold = IntentModel.savedOosThreshold(dir);
    return new LoadedModel(dir, version, threshold, IntentModel.load(dir));
  }
}
