package com.shopchat.knowledge.cli;

import com.shopchat.kb.ConfidenceModel;
import com.shopchat.kb.Embedder;
import com.shopchat.kb.Fusion;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.knowledge.SentenceEmbedder;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.serve.ShippedModel;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot kb evaluate}: indexes a knowledge base in memory, asks it labelled paraphrases and prints one
 * JSON object on stdout with recall@1, recall@5 and MRR per retriever: BM25 alone, and unless {@code --model none}
 * also hybrid (BM25 fused with the model's sentence vectors) and dense (the vectors' ranking alone, exact-match
 * clauses kept).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate knowledge-base retrieval on labelled queries; prints one JSON object on stdout.")
public final class KbEvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--kb", required = true,
      description = "Knowledge entries (JSON Lines: id, title, questions, answer, locale).")
  Path kb;

  @Option(names = "--queries", required = true, description = "Labelled queries (JSON Lines: query, expectedId; "
      + "expectedId null and a locale for a question no entry answers). Repeatable: the files are read as one set.")
  List<Path> queryFiles;

  @Option(names = "--show-misses", description = "List on stderr every query whose entry was not ranked first.")
  boolean showMisses;

  @Option(names = "--model", defaultValue = ShippedModel.NAME, description = "Intent model whose sentence vectors "
      + "the hybrid retriever uses: '" + ShippedModel.NAME + "' (default) or a directory; 'none' for BM25 only.")
  String model;

  @Option(names = "--dense-weight", defaultValue = "0.75", description = "Weight of the vectors' ranking in the "
      + "hybrid's reciprocal-rank fusion (BM25's is 1; default 0.75, what the server uses).")
  float denseWeight;

  @Option(names = "--calibration", description = "Confidence models to score with instead of the shipped ones "
      + "(a properties file `kb calibrate --out` wrote).")
  Path calibration;

  private ConfidenceModel bm25Confidence;
  private ConfidenceModel hybridConfidence;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    KbFiles.Labelled read;
    try {
      read = KbFiles.read(kb, queryFiles);
    } catch (DatasetException e) {
      err.println("kb evaluate: " + e.getMessage());
      return 2;
    }
    Map<String, KnowledgeEntry> entries = read.entries();
    List<LabeledQuery> queries = read.queries();
    if (calibration != null) {
      Properties fits = new Properties();
      try (Reader reader = Files.newBufferedReader(calibration, StandardCharsets.ISO_8859_1)) {
        fits.load(reader);
        bm25Confidence = ConfidenceModel.read(fits, "bm25");
        hybridConfidence = ConfidenceModel.read(fits, "hybrid");
      } catch (IOException | IllegalArgumentException e) {
        err.println("kb evaluate: cannot read the calibration " + calibration + ": " + e.getMessage());
        return 2;
      }
    }
    err.printf("kb evaluate: %d entries, %d queries%n", entries.size(), queries.size());
    JsonObject result = new JsonObject().put("entries", entries.size()).put("queries", queries.size())
        .put("depth", RetrievalEvaluation.DEPTH);
    try (KnowledgeIndex index = KnowledgeIndex.inMemory()) {
      result.put("bm25", evaluate("bm25", index, entries, queries));
    }
    if (!"none".equals(model)) {
      Fusion fusion = Fusion.DEFAULT.withDenseWeight(denseWeight);
      try (IntentModel intents = IntentModel.load(ShippedModel.resolve(model));
          SentenceEmbedder embedder = SentenceEmbedder.create(intents)) {
        result.put("hybrid", evaluate("hybrid", hybrid(embedder, fusion), entries, queries)
            .put("fusion", new JsonObject().put("k", fusion.k())
            .put("bm25Weight", fusion.bm25Weight()).put("denseWeight", fusion.denseWeight())
            .put("candidates", fusion.candidates())));
        result.put("dense", evaluate("dense", hybrid(embedder, new Fusion(fusion.k(), 0f, 1f, fusion.candidates())),
            entries, queries));
      } catch (IOException e) {
        err.println("kb evaluate: cannot load the model " + model + ": " + e.getMessage());
        return 2;
      }
    }
    spec.commandLine().getOut().println(result.encode());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static KnowledgeIndex hybrid(Embedder embedder, Fusion fusion) {
    return KnowledgeIndex.inMemory(embedder, fusion);
  }

  /** Indexes the entries, runs the queries and closes the index. */
  private JsonObject evaluate(String name, KnowledgeIndex index, Map<String, KnowledgeEntry> entries,
      List<LabeledQuery> queries) {
    PrintWriter err = spec.commandLine().getErr();
    try (index) {
      index.replaceAll(entries.values());
      ConfidenceModel model = index.hybrid() ? hybridConfidence : bm25Confidence;
      RetrievalEvaluation.Retriever retriever = model == null ? index::search
          : (query, locale, limit) -> index.search(query, locale, limit).stream()
            .map(h -> h.withConfidence(model.probability(h.evidence()))).toList();
      return RetrievalEvaluation.evaluate(queries, retriever, miss -> {
        if (showMisses) {
          err.printf("miss [%s] %s -> %s (expected %s at rank %d, confidence %.2f)%n", name, miss.query().query(),
              miss.topId(), miss.query().answerable() ? miss.query().expectedId() : "no entry", miss.rank(),
              miss.topConfidence());
        }
      });
    }
  }
}
