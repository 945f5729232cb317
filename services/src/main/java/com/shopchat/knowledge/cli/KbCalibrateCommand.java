package com.shopchat.knowledge.cli;

import com.shopchat.kb.ConfidenceModel;
import com.shopchat.kb.HitEvidence;
import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeHit;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.knowledge.SentenceEmbedder;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.serve.ShippedModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot kb calibrate}: fits the knowledge base's {@link ConfidenceModel}s (one for BM25-only indexes, one
 * for hybrid ones) on labelled questions, the right entry's and those no entry answers, from the evidence of every
 * hit the dialogue manager looks at (the top {@value #HITS}). Prints the fitted weights as JSON on stdout and, with
 * {@code --out}, writes them as the {@code calibration.properties} the knowledge-base module ships.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Fit the knowledge base's confidence models on labelled queries; prints JSON on stdout.")
public final class KbCalibrateCommand implements Callable<Integer> {

  /** How many hits per question the fit sees: as many as the dialogue manager asks for. */
  static final int HITS = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--kb", required = true,
      description = "Knowledge entries (JSON Lines: id, title, questions, answer, locale).")
  Path kb;

  @Option(names = "--queries", required = true, description = "Labelled queries (JSON Lines: query, expectedId; "
      + "expectedId null and a locale for a question no entry answers). Repeatable.")
  List<Path> queryFiles;

  @Option(names = "--model", defaultValue = ShippedModel.NAME, description = "Intent model whose sentence vectors "
      + "the hybrid index uses: '" + ShippedModel.NAME + "' (default) or a directory; 'none' fits BM25 only.")
  String model;

  @Option(names = "--l2", defaultValue = "0.001", description = "L2 penalty on the weights (default 0.001).")
  double l2;

  @Option(names = "--out", description = "Write the fits as properties to this file (the shipped one is "
      + "knowledge-base/src/main/resources/com/shopchat/kb/calibration.properties).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    KbFiles.Labelled read;
    try {
      read = KbFiles.read(kb, queryFiles);
    } catch (DatasetException e) {
      err.println("kb calibrate: " + e.getMessage());
      return 2;
    }
    Map<String, KnowledgeEntry> entries = read.entries();
    List<LabeledQuery> queries = read.queries();
    if (!(l2 >= 0)) {
      err.println("kb calibrate: --l2 must be 0 or more");
      return 2;
    }
    err.printf("kb calibrate: %d entries, %d queries%n", entries.size(), queries.size());
    Properties fits = new Properties();
    JsonObject result = new JsonObject().put("entries", entries.size()).put("queries", queries.size())
        .put("hitsPerQuery", HITS).put("l2", l2);
    try (KnowledgeIndex index = KnowledgeIndex.inMemory()) {
      result.put("bm25", fit("bm25", index, entries, queries, fits));
    }
    if (!"none".equals(model)) {
      try (IntentModel intents = IntentModel.load(ShippedModel.resolve(model));
          SentenceEmbedder embedder = SentenceEmbedder.create(intents);
          KnowledgeIndex index = KnowledgeIndex.inMemory(embedder)) {
        result.put("hybrid", fit("hybrid", index, entries, queries, fits));
      } catch (IOException e) {
        err.println("kb calibrate: cannot load the model " + model + ": " + e.getMessage());
        return 2;
      }
    } else {
      ConfidenceModel.HYBRID.store(fits, "hybrid");
    }
    if (out != null) {
      // Sorted and without Properties.store's date line, so a refit with the same data gives the same file.
      List<String> lines = new ArrayList<>();
      lines.add("# Knowledge-base confidence models, written by `chatbot kb calibrate` (docs/benchmarks.md names the "
          + "data and command).");
      fits.stringPropertyNames().stream().sorted().forEach(key -> lines.add(key + "=" + fits.getProperty(key)));
      try {
        Files.write(out, lines, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        err.println("kb calibrate: cannot write " + out + ": " + e.getMessage());
        return 2;
      }
    }
    spec.commandLine().getOut().println(result.encode());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private JsonObject fit(String name, KnowledgeIndex index, Map<String, KnowledgeEntry> entries,
      List<LabeledQuery> queries, Properties fits) {
    index.replaceAll(entries.values());
    List<HitEvidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    for (LabeledQuery q : queries) {
      for (KnowledgeHit hit : index.search(q.query(), q.locale(), HITS)) {
        rows.add(hit.evidence());
        right.add(q.answerable() && hit.entry().id().equals(q.expectedId()));
      }
    }
    ConfidenceModel model = ConfidenceModel.fit(rows, right, l2);
    model.store(fits, name);
    JsonObject weights = new JsonObject().put("bias", round(model.bias()));
    double[] w = model.weights();
    for (int j = 0; j < w.length; j++) {
      weights.put(HitEvidence.FEATURES[j], round(w[j]));
    }
    long positives = right.stream().filter(b -> b).count();
    return new JsonObject().put("hits", rows.size()).put("rightHits", positives).put("weights", weights)
        .put("features", new JsonArray(List.of(HitEvidence.FEATURES)));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
