package com.shopchat.kb;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The searchable knowledge base: a Lucene index of {@link KnowledgeEntry} rebuilt from PostgreSQL.
 *
 * <p>Writes ({@code upsert}, {@code upsertAll}, {@code delete}, {@code replaceAll}) are serialised,
 * commit to the directory and refresh the searcher before returning, so they block on disk I/O: call
 * them from worker threads, never from an event loop. Searches run concurrently with each other and
 * with writes, each on a point-in-time searcher; they are quick but still CPU work, so run them off the
 * event loop too. No method throws a checked exception; I/O failures surface as
 * {@link UncheckedIOException}.
 *
 * <p>With an {@link Embedder} the index is hybrid: each entry also gets a dense vector, and searches fuse the BM25
 * ranking with the vectors' nearest neighbours (see {@link #search}). Writes then also embed the entries and
 * searches the question, so both cost a forward pass of the embedder's model. Without one it is BM25 only.
 */
public final class KnowledgeIndex implements Closeable {

  /** Score of a query's SKU or order number found in an entry (see {@link #search}). */
  static final float CODE_BOOST = 1000f;
  /** Score of a query's run of words equal to an entry's multi-word title or tag: a product name. */
  static final float NAME_BOOST = 100f;

  private final Directory directory;
  private final Embedder embedder;
  private final Fusion fusion;
  private final ConfidenceModel confidence;
  private final Map<String, Analyzer> analyzers;
  private final Map<String, QueryTerms> queryTerms;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private boolean closed;

  private KnowledgeIndex(Directory directory, Embedder embedder, Fusion fusion) throws IOException {
    this.directory = directory;
    this.embedder = embedder;
    this.fusion = fusion;
    this.confidence = embedder == null ? ConfidenceModel.BM25 : ConfidenceModel.HYBRID;
    this.analyzers = Map.of("en", LocaleAnalyzers.forLocale("en"), "zh", LocaleAnalyzers.forLocale("zh"));
    this.queryTerms = Map.of("en", new QueryTerms(analyzers.get("en"), "en"),
      "zh", new QueryTerms(analyzers.get("zh"), "zh"));
    IndexWriterConfig config = new IndexWriterConfig(KnowledgeFields.perFieldAnalyzer(analyzers))
      .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    this.writer = new IndexWriter(directory, config);
    // Near-real-time searchers straight from the writer: a refresh after each commit is cheap and
    // readers never have to reopen the directory themselves.
    this.searchers = searcherManager(writer);
  }

  private static SearcherManager searcherManager(IndexWriter writer) throws IOException {
    try {
      return new SearcherManager(writer, null);
    } catch (IOException | RuntimeException e) {
      // Without this the writer would keep the directory's write lock until the JVM exits.
      closeQuietly(writer, e);
      throw e;
    }
  }

  /** An index held in heap memory; for tests and for deployments that rebuild from PostgreSQL at start. */
  public static KnowledgeIndex inMemory() {
    return create(new ByteBuffersDirectory(), null, Fusion.DEFAULT);
  }

  /** A hybrid index in heap memory: BM25 fused by {@link Fusion#DEFAULT} with {@code embedder}'s vectors. */
  public static KnowledgeIndex inMemory(Embedder embedder) {
    return inMemory(embedder, Fusion.DEFAULT);
  }

  /** A hybrid index in heap memory fusing the two rankings as {@code fusion} says. */
  public static KnowledgeIndex inMemory(Embedder embedder, Fusion fusion) {
    return create(new ByteBuffersDirectory(), Objects.requireNonNull(embedder, "embedder must not be null"),
      Objects.requireNonNull(fusion, "fusion must not be null"));
  }

  /** An index stored in {@code dir}, created when missing and reopened with its entries otherwise. */
  public static KnowledgeIndex open(Path dir) {
    return open(dir, null);
  }

  /**
   * As {@link #open(Path)}; hybrid (see {@link #inMemory(Embedder)}) when {@code embedder} is not null. Entries
   * written without an embedder have no vector, so only their BM25 side can find them until they are rewritten; so
   * do entries written before vectors had a field per locale ({@code vector_en}, not {@code vector}): rebuild such
   * an index with {@link #replaceAll}.
   */
  public static KnowledgeIndex open(Path dir, Embedder embedder) {
    Objects.requireNonNull(dir, "dir must not be null");
    try {
      return create(FSDirectory.open(dir), embedder, Fusion.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open knowledge index at " + dir, e);
    }
  }

  private static KnowledgeIndex create(Directory directory, Embedder embedder, Fusion fusion) {
    try {
      return new KnowledgeIndex(directory, embedder, fusion);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory, e);
      throw e instanceof IOException io ? new UncheckedIOException("cannot open knowledge index", io)
        : (RuntimeException) e;
    }
  }

  /** Adds the entry or replaces the one with the same id; searchable when this returns. Blocking. */
  public synchronized void upsert(KnowledgeEntry entry) {
    Document doc = documents(List.of(Objects.requireNonNull(entry, "entry must not be null"))).get(0);
    write(() -> writer.updateDocument(idTerm(entry.id()), doc));
  }

  /** Upserts every entry with a single commit; searchable when this returns. Blocking. */
  public synchronized void upsertAll(Collection<KnowledgeEntry> entries) {
    // Build every document first so a null element fails before anything reaches the writer.
    List<Document> docs = documents(entries);
    write(() -> {
      for (Document doc : docs) {
        writer.updateDocument(idTerm(doc.get(KnowledgeFields.ID)), doc);
      }
    });
  }

  /** Removes the entry with this id, if any. Blocking. */
  public synchronized void delete(String id) {
    Objects.requireNonNull(id, "id must not be null");
    write(() -> writer.deleteDocuments(idTerm(id)));
  }

  /** Replaces the whole index with {@code entries} in one commit, so searchers never see it half-built. Blocking. */
  public synchronized void replaceAll(Collection<KnowledgeEntry> entries) {
    // Grouped by locale (stable): a locale's text fields then lie on a run of documents, and most of their norms
    // in blocks where every document has one, which a search reads without a per-document bitset lookup.
    List<Document> docs = documents(Objects.requireNonNull(entries, "entries must not be null").stream()
      .sorted(Comparator.comparing(e -> e == null ? "" : e.locale())).toList());
    write(() -> {
      writer.deleteAll();
      writer.addDocuments(docs);
    });
  }

  /**
   * The best entries of {@code locale} for the customer's {@code query}, best first.
   *
   * <p>Ranking is BM25 over the query's analysed terms (shop synonyms folded to one word, see
   * {@link LocaleAnalyzers}) in questions (boost 3), title (2), tags (1.5) and answer (1). On top of that,
   * exact matches win: a SKU or order number of the query ("FW-2002", "mt100002") that the entry mentions
   * anywhere adds {@value #CODE_BOOST}, and a run of the query's words equal to one of the entry's multi-word
   * titles or tags (a product name) adds {@value #NAME_BOOST}. The query text is never parsed as Lucene
   * syntax, so any user text is safe.
   *
   * <p>{@link KnowledgeHit#coverage()} is the fraction of the query's distinct analysed terms that
   * also occur in the hit's title, questions or tags, or in a SKU or order number it mentions: matched
   * distinct terms / distinct query terms.
   * Question words ("how", "what", "my"; "吗", "什么", "怎么") are left out of both sides of that
   * fraction, and of the search, so they neither dilute nor inflate it. A query with no terms left
   * after analysis yields no hits. {@link KnowledgeHit#confidence()} is the index's {@link ConfidenceModel}
   * (its shipped BM25 or hybrid fit) applied to the coverage and the hit's ranks: a calibrated probability
   * that the hit is the entry the shopper meant.
   *
   * <p>A hybrid index (one with an {@link Embedder}) also embeds the query and finds the nearest entry vectors of
   * the locale, then merges the two candidate lists by its {@link Fusion}; {@link KnowledgeHit#score()} is then the
   * fused score. The exact matches still win: every entry with a code match comes first, then every entry with a
   * name match, each group in fused order. Evidence and confidence are defined as above for every hit, found by
   * either side, with the nearest-neighbour side's rank and similarity added.
   *
   * @param limit maximum number of hits, at least 1
   * @return hits, possibly empty; empty for a blank or {@code null} query
   * @throws IllegalArgumentException for an unsupported locale or a limit below 1
   */
  public List<KnowledgeHit> search(String query, String locale, int limit) {
    return search(query, locale, limit, null);
  }

  /**
   * As {@link #search(String, String, int)}, with the query's vector already at hand: a hybrid index then skips its
   * forward pass and uses {@code queryVector} for the nearest-neighbour side, so the search costs the Lucene work
   * alone. The caller vouches that it is what this index's {@link Embedder} gives for {@code query} (unit length, the
   * same model): the NLU's pass over a chat message yields exactly that when both read the same intent model.
   * {@code null} embeds the query as the three-argument search does; a BM25-only index ignores the vector.
   *
   * @throws IllegalArgumentException also when the vector's length is not the embedder's dimension
   */
  public List<KnowledgeHit> search(String query, String locale, int limit, float[] queryVector) {
    if (embedder != null && queryVector != null && queryVector.length != embedder.dimension()) {
      throw new IllegalArgumentException("query vector has " + queryVector.length + " floats, the index's embedder "
        + embedder.dimension());
    }
    QueryTerms terms = locale == null ? null : queryTerms.get(locale);
    if (terms == null) {
      throw new IllegalArgumentException("unsupported locale " + locale);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<String> tokens = query == null || query.isBlank() ? List.of() : terms.of(query);
    if (tokens.isEmpty()) {
      return List.of();
    }
    // Embedded before a searcher is held: the forward pass is the slow part and needs no index.
    float[] vector = embedder == null ? null
      : queryVector != null ? queryVector : embedder.embed(List.of(query))[0];
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Query q = buildQuery(tokens, exactMatches(query, terms), locale);
        if (vector != null) {
          return hybridHits(searcher, q, vector, locale, limit, terms, tokens);
        }
        return hits(searcher, searcher.search(q, limit), terms, tokens);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when searches fuse BM25 with an {@link Embedder}'s vectors (see {@link #inMemory(Embedder)}). */
  public boolean hybrid() {
    return embedder != null;
  }

  /** The number of live entries visible to searches. */
  public int size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits pending work and releases files and analyzers; later calls fail. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (directory; writer; searchers) {
      analyzers.values().forEach(Analyzer::close);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /*
   * Exact identifiers and whole product names, each scored as a constant far above any BM25 sum of a
   * knowledge-sized question (a few dozen at most), so the entry that names "FW-2002" or "Merino Crew Sweater"
   * comes first however many everyday words another entry shares with the question. A code outweighs a name.
   */
  private static List<Query> exactMatches(String query, QueryTerms terms) {
    List<Query> exact = new ArrayList<>();
    KnowledgeFields.codeMentions(query).stream().map(KnowledgeFields::normalizeCode).distinct().forEach(code ->
      exact.add(constant(new TermQuery(new Term(KnowledgeFields.CODE, code)), CODE_BOOST)));
    terms.phrases(query).forEach(phrase ->
      exact.add(constant(new TermQuery(new Term(KnowledgeFields.NAME, phrase)), NAME_BOOST)));
    return exact;
  }

  private static Query constant(Query query, float boost) {
    return new BoostQuery(new ConstantScoreQuery(query), boost);
  }

  /*
   * A plain disjunction, with no locale filter on top: the text fields are the locale's own (question_en, …), which
   * only that locale's entries have, so their clauses match nothing else; only the exact clauses read shared fields
   * and carry the filter themselves. Same matches and scores as a top-level FILTER, but Lucene's MaxScore then
   * scores whole windows of postings at once instead of leap-frogging every candidate against the locale's postings
   * (about half of a BM25 search's time on 100k entries).
   */
  private static Query buildQuery(List<String> tokens, List<Query> exact, String locale) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    Query localeFilter = new TermQuery(new Term(KnowledgeFields.LOCALE, locale));
    exact.forEach(q -> query.add(new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
      .add(localeFilter, BooleanClause.Occur.FILTER).build(), BooleanClause.Occur.SHOULD));
    for (KnowledgeFields.Text text : KnowledgeFields.Text.values()) {
      String field = text.field(locale);
      for (String token : tokens) {
        query.add(new BoostQuery(new TermQuery(new Term(field, token)), text.boost), BooleanClause.Occur.SHOULD);
      }
    }
    return query.build();
  }

  private List<KnowledgeHit> hits(IndexSearcher searcher, TopDocs top, QueryTerms terms, List<String> tokens)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<KnowledgeHit> hits = new ArrayList<>(top.scoreDocs.length);
    float best = top.scoreDocs.length == 0 ? 0f : top.scoreDocs[0].score;
    for (int i = 0; i < top.scoreDocs.length; i++) {
      ScoreDoc scoreDoc = top.scoreDocs[i];
      KnowledgeEntry entry = KnowledgeFields.toEntry(stored.document(scoreDoc.doc));
      HitEvidence evidence = new HitEvidence(terms.coverage(tokens, entry), i == 0, i == 0,
        share(scoreDoc.score, best), false, false, 0f, scoreDoc.score >= NAME_BOOST);
      hits.add(new KnowledgeHit(entry, scoreDoc.score, confidence.probability(evidence), evidence));
    }
    return List.copyOf(hits);
  }

  /* A BM25 score as a share of the query's best, the exact clauses' constants left out of both. */
  private static float share(float score, float best) {
    float lexical = lexical(score);
    float top = lexical(best);
    return top <= 0f ? 0f : Math.min(1f, lexical / top);
  }

  private static float lexical(float score) {
    return score >= CODE_BOOST ? score - CODE_BOOST : score >= NAME_BOOST ? score - NAME_BOOST : score;
  }

  /*
   * Both rankings to the same depth, merged by doc id. Each side's own order decides its ranks; the BM25 score is
   * kept only to see which candidates won an exact-match clause, which outranks any fused score.
   */
  private List<KnowledgeHit> hybridHits(IndexSearcher searcher, Query bm25, float[] vector, String locale, int limit,
      QueryTerms terms, List<String> tokens) throws IOException {
    int depth = Math.max(limit, fusion.candidates());
    ScoreDoc[] lexical = searcher.search(bm25, depth).scoreDocs;
    // The locale's own vector field: only its entries are in that graph, so no filter (which would cost a bitset
    // of every entry of the locale per search and a detour around the others' nodes).
    ScoreDoc[] dense = searcher.search(new KnnFloatVectorQuery(KnowledgeFields.vectorField(locale), vector, depth),
      depth).scoreDocs;
    Map<Integer, Candidate> candidates = new HashMap<>();
    float best = lexical.length == 0 ? 0f : lexical[0].score;
    for (int i = 0; i < lexical.length; i++) {
      Candidate c = candidates.computeIfAbsent(lexical[i].doc, Candidate::new);
      c.bm25Rank = i + 1;
      c.bm25Share = share(lexical[i].score, best);
      c.exactTier = lexical[i].score >= CODE_BOOST ? 2 : lexical[i].score >= NAME_BOOST ? 1 : 0;
    }
    for (int i = 0; i < dense.length; i++) {
      Candidate c = candidates.computeIfAbsent(dense[i].doc, Candidate::new);
      c.denseRank = i + 1;
      c.similarity = dense[i].score;
    }
    List<Candidate> ranked = candidates.values().stream()
      .sorted(Comparator.comparingInt((Candidate c) -> c.exactTier).reversed()
        .thenComparing(Comparator.comparingDouble((Candidate c) -> fusion.score(c.bm25Rank, c.denseRank)).reversed())
        .thenComparingInt(c -> c.doc))
      .limit(limit).toList();
    StoredFields stored = searcher.storedFields();
    List<KnowledgeHit> hits = new ArrayList<>(ranked.size());
    for (Candidate c : ranked) {
      KnowledgeEntry entry = KnowledgeFields.toEntry(stored.document(c.doc));
      HitEvidence evidence = new HitEvidence(terms.coverage(tokens, entry), hits.isEmpty(), c.bm25Rank == 1,
        c.bm25Share, c.denseRank > 0, c.denseRank == 1, c.similarity, c.exactTier > 0);
      hits.add(new KnowledgeHit(entry, c.exactTier + fusion.score(c.bm25Rank, c.denseRank),
        confidence.probability(evidence), evidence));
    }
    return List.copyOf(hits);
  }

  /** One entry found by either ranking; a rank of 0 means that ranking did not find it. */
  private static final class Candidate {
    final int doc;
    int bm25Rank;
    float bm25Share;
    int denseRank;
    float similarity;
    int exactTier;

    Candidate(int doc) {
      this.doc = doc;
    }
  }

  private void write(IndexWork work) {
    try {
      work.run();
      writer.commit();
      // Refresh here, on the writing thread, so searches never pay for reopening readers.
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Document> documents(Collection<KnowledgeEntry> entries) {
    Objects.requireNonNull(entries, "entries must not be null");
    List<KnowledgeEntry> list = entries.stream()
      .map(e -> Objects.requireNonNull(e, "entries must not contain null")).toList();
    List<float[]> vectors = embedder == null ? null : EntryVectors.of(embedder, list);
    List<Document> docs = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      KnowledgeEntry entry = list.get(i);
      docs.add(KnowledgeFields.toDocument(entry, queryTerms.get(entry.locale())::phrase,
        vectors == null ? null : vectors.get(i)));
    }
    return docs;
  }

  private static Term idTerm(String id) {
    return new Term(KnowledgeFields.ID, id);
  }

  private static void closeQuietly(Closeable closeable, Exception cause) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /** A step of index work that may fail with I/O. */
  @FunctionalInterface
  private interface IndexWork {
    void run() throws IOException;
  }
}
