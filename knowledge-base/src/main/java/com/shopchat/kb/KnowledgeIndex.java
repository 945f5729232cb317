package com.shopchat.kb;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
 */
public final class KnowledgeIndex implements Closeable {

  /** Score of a query's SKU or order number found in an entry (see {@link #search}). */
  static final float CODE_BOOST = 1000f;
  /** Score of a query's run of words equal to an entry's multi-word title or tag: a product name. */
  static final float NAME_BOOST = 100f;

  private final Directory directory;
  private final Map<String, Analyzer> analyzers;
  private final Map<String, QueryTerms> queryTerms;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private boolean closed;

  private KnowledgeIndex(Directory directory) throws IOException {
    this.directory = directory;
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
    return create(new ByteBuffersDirectory());
  }

  /** An index stored in {@code dir}, created when missing and reopened with its entries otherwise. */
  public static KnowledgeIndex open(Path dir) {
    Objects.requireNonNull(dir, "dir must not be null");
    try {
      return create(FSDirectory.open(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open knowledge index at " + dir, e);
    }
  }

  private static KnowledgeIndex create(Directory directory) {
    try {
      return new KnowledgeIndex(directory);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory, e);
      throw e instanceof IOException io ? new UncheckedIOException("cannot open knowledge index", io)
        : (RuntimeException) e;
    }
  }

  /** Adds the entry or replaces the one with the same id; searchable when this returns. Blocking. */
  public synchronized void upsert(KnowledgeEntry entry) {
    Document doc = document(Objects.requireNonNull(entry, "entry must not be null"));
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
    List<Document> docs = documents(entries);
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
   * <p>{@link KnowledgeHit#confidence()} is the fraction of the query's distinct analysed terms that
   * also occur in the hit's title, questions or tags, or in a SKU or order number it mentions: matched
   * distinct terms / distinct query terms.
   * Question words ("how", "what", "my"; "吗", "什么", "怎么") are left out of both sides of that
   * fraction, and of the search, so they neither dilute nor inflate it. A query with no terms left
   * after analysis yields no hits.
   *
   * @param limit maximum number of hits, at least 1
   * @return hits, possibly empty; empty for a blank or {@code null} query
   * @throws IllegalArgumentException for an unsupported locale or a limit below 1
   */
  public List<KnowledgeHit> search(String query, String locale, int limit) {
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
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Query q = buildQuery(tokens, exactMatches(query, terms), locale);
        return hits(searcher, searcher.search(q, limit), terms, tokens);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static Query buildQuery(List<String> tokens, List<Query> exact, String locale) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    exact.forEach(q -> query.add(q, BooleanClause.Occur.SHOULD));
    for (KnowledgeFields.Text text : KnowledgeFields.Text.values()) {
      String field = text.field(locale);
      for (String token : tokens) {
        query.add(new BoostQuery(new TermQuery(new Term(field, token)), text.boost), BooleanClause.Occur.SHOULD);
      }
    }
    // FILTER narrows without scoring; once a FILTER clause exists SHOULD clauses turn optional, so
    // require one of them or every entry of the locale would come back with score 0.
    query.add(new TermQuery(new Term(KnowledgeFields.LOCALE, locale)), BooleanClause.Occur.FILTER);
    return query.setMinimumNumberShouldMatch(1).build();
  }

  private static List<KnowledgeHit> hits(IndexSearcher searcher, TopDocs top, QueryTerms terms,
      List<String> tokens) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<KnowledgeHit> hits = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scoreDoc : top.scoreDocs) {
      KnowledgeEntry entry = KnowledgeFields.toEntry(stored.document(scoreDoc.doc));
      hits.add(new KnowledgeHit(entry, scoreDoc.score, terms.coverage(tokens, entry)));
    }
    return List.copyOf(hits);
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
    return entries.stream().map(e -> document(Objects.requireNonNull(e, "entries must not contain null"))).toList();
  }

  private Document document(KnowledgeEntry entry) {
    return KnowledgeFields.toDocument(entry, queryTerms.get(entry.locale())::phrase);
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
