package com.shopchat.kb;

import java.util.List;

/**
 * Turns texts into dense vectors for the knowledge index's nearest-neighbour half (see
 * {@link KnowledgeIndex#inMemory(Embedder)}): a sentence encoder, in this project the intent model's.
 *
 * <p>Implementations must be safe to call from several threads at once (searches run concurrently), return
 * vectors of unit length (the index compares them by dot product) and give the same vector for the same text.
 * Calls block on model inference: run them on worker threads.
 */
public interface Embedder {

  /** The length of every vector. */
  int dimension();

  /** One unit-length vector of {@link #dimension()} floats per text, in order. */
  float[][] embed(List<String> texts);
}
