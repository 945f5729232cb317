package com.shopchat.knowledge.cli;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot kb evaluate}: indexes a knowledge base in memory, asks it labelled paraphrases and prints one
 * JSON object on stdout with recall@1, recall@5 and MRR per retriever.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate knowledge-base retrieval on labelled queries; prints one JSON object on stdout.")
public final class KbEvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--kb", required = true,
      description = "Knowledge entries (JSON Lines: id, title, questions, answer, locale).")
  Path kb;

  @Option(names = "--queries", required = true, description = "Labelled queries (JSON Lines: query, expectedId).")
  Path queriesFile;

  @Option(names = "--show-misses", description = "List on stderr every query whose entry was not ranked first.")
  boolean showMisses;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, KnowledgeEntry> entries;
    List<LabeledQuery> queries;
    try {
      entries = KbFiles.entries(kb);
      queries = KbFiles.queries(queriesFile, entries);
    } catch (DatasetException e) {
      err.println("kb evaluate: " + e.getMessage());
      return 2;
    }
    err.printf("kb evaluate: %d entries, %d queries%n", entries.size(), queries.size());
    JsonObject result = new JsonObject().put("entries", entries.size()).put("queries", queries.size())
        .put("depth", RetrievalEvaluation.DEPTH);
    try (KnowledgeIndex index = KnowledgeIndex.inMemory()) {
      index.replaceAll(entries.values());
      result.put("bm25", RetrievalEvaluation.evaluate(queries, index::search, miss -> {
        if (showMisses) {
          err.printf("miss [bm25] %s -> %s (expected %s at rank %d, confidence %.2f)%n", miss.query().query(),
              miss.topId(), miss.query().expectedId(), miss.rank(), miss.topConfidence());
        }
      }));
    }
    spec.commandLine().getOut().println(result.encode());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
