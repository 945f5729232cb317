package com.shopchat.bench;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.knowledge.SentenceEmbedder;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.serve.ShippedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Indexing throughput and search latency of {@link KnowledgeIndex} on generated knowledge bases (100k entries by
 * default, 80 % English, 20 % Chinese, each naming a product and its SKU), single-threaded as one worker serves a
 * search. Every figure is also printed as a ratio to a baseline run in this same process on the same entries and
 * queries: bare Lucene, one StandardAnalyzer text field with everything in it, one commit, a plain BM25 query — so
 * the ratios say what our analyzers, synonyms, boosts and exact-match clauses cost, whatever else shares the machine.
 *
 * <p>With {@code hybrid} as the fourth argument it then builds a second, hybrid index of the same entries (BM25 +
 * the shipped model's sentence vectors, as the server does with the transformer NLU) and times its searches with the
 * query vector precomputed (the chat, whose NLU pass yields it), with the query embedded in the search, and BM25
 * alone, in the same loop; embedding every entry's title and questions on the CPU (batched) is what indexing costs.
 *
 * <p>Usage: {@code java -cp services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.KbSearchBench
 * [entries] [queries] [seed] [hybrid]}
 */
public final class KbSearchBench {

  private static final String[] ADJECTIVES = {"Classic", "Merino", "Alpine", "Urban", "Coastal", "Heritage", "Trail",
    "Organic", "Harbour", "Summit", "Linen", "Canvas", "Nordic", "Everyday", "Studio", "Field", "Cedar", "Maple"};
  private static final String[] ITEMS = {"Sweater", "Shirt", "Tee", "Jacket", "Parka", "Runner", "Boot", "Sneaker",
    "Backpack", "Tote", "Scarf", "Beanie", "Kettle", "Lamp", "Headphones", "Speaker", "Mug", "Blanket", "Chino",
    "Hoodie"};
  private static final String[][] EN_TOPICS = {
    {"care", "how do I wash the %s", "can the %s go in the dryer", "Wash the %s (%s) at 30 degrees and dry flat."},
    {"sizing", "which size of %s should I order", "does the %s run small", "The %s (%s) fits true to size."},
    {"warranty", "is the %s covered by warranty", "my %s broke", "The %s (%s) has a two-year warranty."},
    {"delivery", "when will the %s arrive", "how long does shipping take for the %s",
      "The %s (%s) ships within 2 working days."},
    {"returns", "can I return the %s", "how do I send the %s back", "Return the %s (%s) within 30 days."},
    {"stock", "is the %s back in stock", "when will you restock the %s", "The %s (%s) is restocked monthly."}};
  private static final String[] ZH_PRODUCTS = {"羊毛衫", "衬衫", "夹克", "跑鞋", "背包", "围巾", "水壶", "台灯", "耳机",
    "毯子"};
  private static final String[][] ZH_TOPICS = {
    {"保养", "%s怎么洗", "%s可以烘干吗", "%s（%s）请冷水手洗。"},
    {"尺码", "%s尺码偏小吗", "%s选多大码", "%s（%s）尺码标准。"},
    {"保修", "%s保修多久", "%s坏了怎么办", "%s（%s）保修两年。"},
    {"配送", "%s几天到", "%s什么时候发货", "%s（%s）两个工作日内发货。"}};

  private KbSearchBench() {
  }

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    boolean hybrid = args.length > 3 && args[3].equals("hybrid");
    Random random = new Random(seed);
    List<KnowledgeEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(entry(i, random));
    }
    List<KnowledgeEntry> asked = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < queryCount; i++) {
      KnowledgeEntry e = entries.get(random.nextInt(size));
      asked.add(e);
      queries.add(query(e, random));
    }
    System.out.printf(Locale.ROOT, "%d entries, %d queries, seed %d, %d cores, Java %s%n", size, queryCount, seed,
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    Path dir = Files.createTempDirectory("kb-bench");
    try {
      Baseline baseline = Baseline.build(dir.resolve("baseline"), entries);
      long started = System.nanoTime();
      try (KnowledgeIndex index = KnowledgeIndex.open(dir.resolve("kb"))) {
        index.replaceAll(entries);
        double indexSeconds = (System.nanoTime() - started) / 1e9;
        measure(index, baseline, entries, asked, queries, indexSeconds);
        if (hybrid) {
          measureHybrid(dir.resolve("hybrid"), index, entries, asked, queries);
        }
      } finally {
        baseline.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void measure(KnowledgeIndex index, Baseline baseline, List<KnowledgeEntry> entries,
      List<KnowledgeEntry> asked, List<String> queries, double indexSeconds) throws IOException {
    // Warm both up (JIT, page cache) on the first queries, then time every query once, alternating runs.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < Math.min(5_000, queries.size()); i++) {
        index.search(queries.get(i), asked.get(i).locale(), 5);
        baseline.search(queries.get(i), 5);
      }
    }
    Histogram ours = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    Histogram bare = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    int top1 = 0;
    for (int i = 0; i < queries.size(); i++) {
      long t0 = System.nanoTime();
      var hits = index.search(queries.get(i), asked.get(i).locale(), 5);
      long t1 = System.nanoTime();
      baseline.search(queries.get(i), 5);
      long t2 = System.nanoTime();
      ours.recordValue(Math.max(1, (t1 - t0) / 1000));
      bare.recordValue(Math.max(1, (t2 - t1) / 1000));
      if (!hits.isEmpty() && hits.get(0).entry().id().equals(asked.get(i).id())) {
        top1++;
      }
    }
    double ourRate = entries.size() / indexSeconds;
    double bareRate = entries.size() / baseline.indexSeconds;
    System.out.println();
    System.out.println("| | entries/s indexed | × baseline | search p50 ms | p99 ms | max ms | p99 × baseline |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    row("baseline: bare Lucene BM25, one field", bareRate, bareRate, bare, bare);
    row("KnowledgeIndex (synonyms, field boosts, SKU/name clauses)", ourRate, bareRate, ours, bare);
    System.out.printf(Locale.ROOT, "%nKnowledgeIndex top-1 is the entry the query was made from: %.1f %%%n",
        100.0 * top1 / queries.size());
  }

  /**
   * The hybrid index against the BM25 one just measured, on the same entries and queries, three ways per query in
   * turn: (a) hybrid with the query's vector precomputed, as the chat searches now that the NLU's pass over the
   * message yields it; (b) hybrid embedding the query itself, as the admin preview, {@code kb evaluate} and any
   * search without an NLU pass do; (c) BM25 alone. The query vectors for (a) are embedded up front, in batches as
   * the NLU's micro-batcher would; the per-query forward pass is then timed alone as well.
   */
  private static void measureHybrid(Path dir, KnowledgeIndex bm25, List<KnowledgeEntry> entries,
      List<KnowledgeEntry> asked, List<String> queries) throws IOException {
    try (IntentModel model = IntentModel.load(ShippedModel.directory());
        SentenceEmbedder embedder = SentenceEmbedder.create(model);
        KnowledgeIndex index = KnowledgeIndex.open(dir, embedder)) {
      long started = System.nanoTime();
      index.replaceAll(entries);
      double indexSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "%nhybrid index: %d entries in %.1f s (%.0f entries/s), %d segments%n",
          entries.size(), indexSeconds, entries.size() / indexSeconds, segments(dir));
      started = System.nanoTime();
      float[][] vectors = embedder.embed(queries);
      System.out.printf(Locale.ROOT, "query vectors: %d in %.1f s, batched%n", queries.size(),
          (System.nanoTime() - started) / 1e9);
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < Math.min(2_000, queries.size()); i++) {
          String locale = asked.get(i).locale();
          index.search(queries.get(i), locale, 5, vectors[i]);
          index.search(queries.get(i), locale, 5);
          bm25.search(queries.get(i), locale, 5);
        }
      }
      Histogram given = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      Histogram embedded = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      Histogram lexical = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      Histogram embedding = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
      int top1Given = 0;
      int top1Embedded = 0;
      int top1Lexical = 0;
      int sameTop1 = 0;
      for (int i = 0; i < queries.size(); i++) {
        String query = queries.get(i);
        String locale = asked.get(i).locale();
        long t0 = System.nanoTime();
        var a = index.search(query, locale, 5, vectors[i]);
        long t1 = System.nanoTime();
        var b = index.search(query, locale, 5);
        long t2 = System.nanoTime();
        var c = bm25.search(query, locale, 5);
        long t3 = System.nanoTime();
        embedder.embed(List.of(query));
        long t4 = System.nanoTime();
        given.recordValue(Math.max(1, (t1 - t0) / 1000));
        embedded.recordValue(Math.max(1, (t2 - t1) / 1000));
        lexical.recordValue(Math.max(1, (t3 - t2) / 1000));
        embedding.recordValue(Math.max(1, (t4 - t3) / 1000));
        String id = asked.get(i).id();
        top1Given += firstIs(a, id);
        top1Embedded += firstIs(b, id);
        top1Lexical += firstIs(c, id);
        sameTop1 += !a.isEmpty() && !b.isEmpty() && a.get(0).entry().id().equals(b.get(0).entry().id()) ? 1 : 0;
      }
      System.out.println();
      System.out.println("| | search p50 ms | p99 ms | max ms | p50 × BM25 | p99 × BM25 | top-1 is the source |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      hybridRow("(a) hybrid, query vector precomputed (the chat)", given, lexical, top1Given, queries.size());
      hybridRow("(b) hybrid, query embedded in the search", embedded, lexical, top1Embedded, queries.size());
      hybridRow("(c) BM25 alone (KnowledgeIndex)", lexical, lexical, top1Lexical, queries.size());
      hybridRow("embedding one query alone", embedding, lexical, -1, queries.size());
      System.out.printf(Locale.ROOT, "%n(a) and (b) rank the same entry first for %.2f %% of the queries%n",
          100.0 * sameTop1 / queries.size());
    }
  }

  private static int firstIs(List<KnowledgeHit> hits, String id) {
    return !hits.isEmpty() && hits.get(0).entry().id().equals(id) ? 1 : 0;
  }

  /** Segments in the index last committed to {@code dir}: a KNN search walks one graph per segment. */
  private static int segments(Path dir) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.leaves().size();
    }
  }

  private static void hybridRow(String name, Histogram h, Histogram base, int top1, int queries) {
    System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f | %.2f | %s |%n", name,
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
        (double) h.getValueAtPercentile(50) / base.getValueAtPercentile(50),
        (double) h.getValueAtPercentile(99) / base.getValueAtPercentile(99),
        top1 < 0 ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * top1 / queries));
  }

  private static void row(String name, double rate, double baseRate, Histogram h, Histogram base) {
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.3f | %.3f | %.3f | %.2f |%n", name, rate, rate / baseRate,
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
        (double) h.getValueAtPercentile(99) / base.getValueAtPercentile(99));
  }

  private static KnowledgeEntry entry(int i, Random random) {
    String sku = String.format(Locale.ROOT, "%s-%05d", (char) ('A' + i % 26) + "" + (char) ('A' + i / 26 % 26), i);
    if (i % 5 == 4) {
      String product = ZH_PRODUCTS[random.nextInt(ZH_PRODUCTS.length)] + (i % 997);
      String[] t = ZH_TOPICS[random.nextInt(ZH_TOPICS.length)];
      return new KnowledgeEntry("zh-" + i, "zh", product + t[0], List.of(t[1].formatted(product),
          t[2].formatted(product)), t[3].formatted(product, sku), List.of(product), "products");
    }
    String product = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + ITEMS[random.nextInt(ITEMS.length)]
        + " " + (i % 997);
    String[] t = EN_TOPICS[random.nextInt(EN_TOPICS.length)];
    return new KnowledgeEntry("en-" + i, "en", product + " " + t[0], List.of(t[1].formatted(product),
        t[2].formatted(product)), t[3].formatted(product, sku), List.of(product), "products");
  }

  /** A shopper's question about the entry: one of its own questions, or its SKU with a few words, 1 in 10. */
  private static String query(KnowledgeEntry e, Random random) {
    if (random.nextInt(10) == 0) {
      String sku = e.answer().replaceAll(".*[（(]([A-Z]{2}-\\d{5})[）)].*", "$1");
      return "en".equals(e.locale()) ? "question about " + sku : sku + "的问题";
    }
    return e.questions().get(random.nextInt(e.questions().size()));
  }

  /** The baseline: one StandardAnalyzer text field per document with every text of the entry in it. */
  private static final class Baseline implements AutoCloseable {
    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final QueryBuilder queries;
    private final double indexSeconds;

    private Baseline(FSDirectory directory, double indexSeconds) throws IOException {
      this.directory = directory;
      this.reader = DirectoryReader.open(directory);
      this.searcher = new IndexSearcher(reader);
      this.queries = new QueryBuilder(new StandardAnalyzer());
      this.indexSeconds = indexSeconds;
    }

    static Baseline build(Path dir, List<KnowledgeEntry> entries) throws IOException {
      FSDirectory directory = FSDirectory.open(dir);
      long started = System.nanoTime();
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
        for (KnowledgeEntry e : entries) {
          Document doc = new Document();
          doc.add(new TextField("text", String.join(" ", e.title(), String.join(" ", e.questions()), e.answer(),
              String.join(" ", e.tags())), Field.Store.YES));
          writer.addDocument(doc);
        }
        writer.commit();
      }
      return new Baseline(directory, (System.nanoTime() - started) / 1e9);
    }

    void search(String text, int limit) throws IOException {
      Query query = queries.createBooleanQuery("text", text);
      if (query != null) {
        var top = searcher.search(query, limit);
        var stored = searcher.storedFields();
        for (var hit : top.scoreDocs) {
          stored.document(hit.doc); // KnowledgeIndex rebuilds every hit's entry; load it here too, to be fair.
        }
      }
    }

    @Override
    public void close() throws IOException {
      reader.close();
      directory.close();
    }
  }
}
