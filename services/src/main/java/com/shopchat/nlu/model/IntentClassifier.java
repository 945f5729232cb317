package com.shopchat.nlu.model;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Any saved intent classifier the CLI can evaluate or ensemble: the transformer ({@link IntentModel}) or the
 * linear n-gram model ({@link NgramIntentModel}). A model directory says which it holds in {@code config.json}'s
 * {@code kind}; a directory without one holds a transformer (every model saved before there was a second kind).
 */
public interface IntentClassifier extends AutoCloseable {

  /** The transformer encoder, {@code nlu train}'s default. */
  String TRANSFORMER = "transformer";
  /** Softmax regression over hashed word and character n-grams. */
  String NGRAM = "ngram";

  /** The intents, in the order of {@link #predictProbabilities}'s vectors. */
  List<String> labels();

  /** Probabilities (in label order) for many utterances. */
  List<float[]> predictProbabilities(List<String> texts);

  /** Writes the model into the directory so {@link #load} reads it back. */
  void save(Path dir) throws IOException;

  @Override
  void close();

  /** Loads whichever kind of model the directory holds; reads only local files. */
  static IntentClassifier load(Path dir) throws IOException {
    String kind = kindOf(dir);
    return switch (kind) {
      case TRANSFORMER -> IntentModel.load(dir);
      case NGRAM -> NgramIntentModel.load(dir);
      default -> throw new IOException(dir + ": unknown model kind \"" + kind + "\"");
    };
  }

  /** The kind of model saved in the directory ({@value #TRANSFORMER} when {@code config.json} names none). */
  static String kindOf(Path dir) throws IOException {
    Path config = dir.resolve("config.json");
    try {
      return new JsonObject(Files.readString(config)).getString("kind", TRANSFORMER);
    } catch (DecodeException | ClassCastException e) {
      throw new IOException(config + ": unreadable: " + e.getMessage(), e);
    }
  }
}
