package com.shopchat.kb;

import java.util.ArrayList;
import java.util.List;

/**
 * An entry's one dense vector: the mean of its title's and its question variants' unit vectors, renormalised.
 *
 * <p>One vector per entry, not one per variant, keeps a Lucene document an entry (a field holds one vector per
 * document; per-variant vectors would need child documents and block joins in every write and search). On the
 * demo paraphrases the two are close with the shipped model: the mean finds the entry in the top 5 more often,
 * the best single variant ranks it first slightly more often (docs/benchmarks.md). Answers are left out: long
 * text about many things, where shoppers' questions are short and about one.
 */
final class EntryVectors {

  private EntryVectors() {
  }

  /** The vector of each entry, in order, from one {@link Embedder#embed} call over all their texts. */
  static List<float[]> of(Embedder embedder, List<KnowledgeEntry> entries) {
    List<String> texts = new ArrayList<>();
    for (KnowledgeEntry e : entries) {
      texts.add(e.title());
      texts.addAll(e.questions());
    }
    float[][] embedded = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
    List<float[]> vectors = new ArrayList<>(entries.size());
    int next = 0;
    for (KnowledgeEntry e : entries) {
      int count = 1 + e.questions().size();
      vectors.add(mean(embedded, next, count, embedder.dimension()));
      next += count;
    }
    return vectors;
  }

  private static float[] mean(float[][] vectors, int from, int count, int dimension) {
    float[] sum = new float[dimension];
    for (int i = from; i < from + count; i++) {
      if (vectors[i].length != dimension) {
        throw new IllegalStateException("embedder gave " + vectors[i].length + " floats, not " + dimension);
      }
      for (int d = 0; d < dimension; d++) {
        sum[d] += vectors[i][d];
      }
    }
    return normalize(sum);
  }

  /** {@code v} scaled to unit length in place; an all-zero vector stays as it is. */
  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= scale;
      }
    }
    return v;
  }
}
