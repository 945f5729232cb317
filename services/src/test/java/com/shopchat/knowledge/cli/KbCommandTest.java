package com.shopchat.knowledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.Main;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("chatbot kb evaluate")
class KbCommandTest {

  private static final List<String> KB = List.of(
      "{\"id\": \"delivery\", \"locale\": \"en\", \"title\": \"Delivery time\", "
          + "\"questions\": [\"how long does delivery take\"], \"answer\": \"Three to five working days.\"}",
      "{\"id\": \"returns\", \"locale\": \"en\", \"title\": \"Return policy\", "
          + "\"questions\": [\"can I return an item\"], \"answer\": \"Within 30 days.\", \"tags\": [\"returns\"]}",
      "{\"id\": \"zh-returns\", \"locale\": \"zh\", \"title\": \"退货政策\", "
          + "\"questions\": [\"可以退货吗\"], \"answer\": \"三十天内可以退货。\"}");

  /** What a command printed and returned, captured in-process. */
  private record Run(int exitCode, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run evaluate(Path kb, Path queries) {
    return run("kb", "evaluate", "--kb", kb.toString(), "--queries", queries.toString());
  }

  @Test
  @DisplayName("Evaluating a small knowledge base prints one JSON object with recall@1, recall@5 and MRR for BM25.")
  void printsRecallAndMrr(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    // The third query names no entry's words at all: it is found nowhere, so it costs recall and MRR alike.
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of(
        "{\"query\": \"how long does delivery take?\", \"expectedId\": \"delivery\"}",
        "{\"query\": \"退货政策是什么\", \"expectedId\": \"zh-returns\"}",
        "",
        "{\"query\": \"zebra umbrella\", \"expectedId\": \"returns\"}"));

    Run run = evaluate(kb, queries);

    assertEquals(0, run.exitCode(), run.err());
    JsonObject result = new JsonObject(run.out().strip());
    assertEquals(3, result.getInteger("entries"));
    assertEquals(3, result.getInteger("queries"));
    JsonObject bm25 = result.getJsonObject("bm25");
    assertEquals(2, bm25.getInteger("hitsAt1"));
    assertEquals(2, bm25.getInteger("hitsAt5"));
    assertEquals(0.6667, bm25.getDouble("recallAt1"));
    assertEquals(0.6667, bm25.getDouble("recallAt5"));
    assertEquals(0.6667, bm25.getDouble("mrr"));
    assertEquals(1, bm25.getJsonObject("byLocale").getJsonObject("zh").getInteger("count"));
  }

  @Test
  @DisplayName("The demo knowledge base, in its own file format, finds most of the committed paraphrases in the top five.")
  void demoKnowledgeBaseOnParaphrases() {
    Path kb = Path.of("src/main/resources/demo/knowledge.jsonl");
    Path queries = Path.of("src/test/resources/kb/demo-paraphrases.jsonl");

    Run run = evaluate(kb, queries);

    assertEquals(0, run.exitCode(), run.err());
    JsonObject bm25 = new JsonObject(run.out().strip()).getJsonObject("bm25");
    // A floor below today's figures (docs/benchmarks.md), so a retrieval regression fails here.
    assertTrue(bm25.getDouble("recallAt5") >= 0.9, bm25.encodePrettily());
    assertTrue(bm25.getDouble("recallAt1") >= 0.65, bm25.encodePrettily());
  }

  @Test
  @DisplayName("By default the shipped model's vectors add a hybrid and a dense retriever; --model none leaves BM25 alone.")
  void hybridBesideBm25(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of(
        "{\"query\": \"how long does delivery take?\", \"expectedId\": \"delivery\"}"));

    JsonObject both = new JsonObject(evaluate(kb, queries).out().strip());
    Run alone = run("kb", "evaluate", "--kb", kb.toString(), "--queries", queries.toString(), "--model", "none");

    assertEquals(1, both.getJsonObject("hybrid").getInteger("hitsAt1"));
    assertEquals(0.75, both.getJsonObject("hybrid").getJsonObject("fusion").getDouble("denseWeight"), 1e-6);
    assertEquals(1, both.getJsonObject("dense").getInteger("count"));
    assertEquals(0, alone.exitCode(), alone.err());
    JsonObject bm25Only = new JsonObject(alone.out().strip());
    assertEquals(1, bm25Only.getJsonObject("bm25").getInteger("hitsAt1"));
    assertTrue(!bm25Only.containsKey("hybrid") && !bm25Only.containsKey("dense"), bm25Only.encode());
  }

  @Test
  @DisplayName("A --model directory that holds no model is refused with exit code 2.")
  void missingModel(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of(
        "{\"query\": \"how long does delivery take?\", \"expectedId\": \"delivery\"}"));

    Run run = run("kb", "evaluate", "--kb", kb.toString(), "--queries", queries.toString(), "--model",
        dir.resolve("no-model").toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("cannot load the model"), run.err());
  }

  @Test
  @DisplayName("A malformed line in the knowledge base is refused with exit code 2, naming the file and the line.")
  void malformedEntryLine(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), List.of(KB.get(0), "", "{\"id\": \"x\", \"title\": "));
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of("{\"query\": \"a\", \"expectedId\": \"x\"}"));

    Run run = evaluate(kb, queries);

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(kb + ":3: not a JSON object"), run.err());
    assertEquals("", run.out());
  }

  @Test
  @DisplayName("An entry in an unsupported locale is refused with its line number and the entry's own reason.")
  void entryInUnknownLocale(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), List.of(KB.get(0), KB.get(1).replace("\"en\"", "\"fr\"")));
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of("{\"query\": \"a\", \"expectedId\": \"delivery\"}"));

    Run run = evaluate(kb, queries);

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(kb + ":2: locale must be one of"), run.err());
  }

  @Test
  @DisplayName("A query expecting an id the knowledge base lacks is refused with its line number.")
  void queryWithUnknownExpectedId(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of(
        "{\"query\": \"how long does delivery take\", \"expectedId\": \"delivery\"}",
        "{\"query\": \"gift wrap?\", \"expectedId\": \"gift-wrapping\"}"));

    Run run = evaluate(kb, queries);

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(queries + ":2: expectedId \"gift-wrapping\" is not in the knowledge base"), run.err());
  }

  @Test
  @DisplayName("A repeated entry id, a query without text and a missing file are each refused with exit code 2.")
  void otherBadInputs(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path twice = Files.write(dir.resolve("twice.jsonl"), List.of(KB.get(0), KB.get(0)));
    Path noText = Files.write(dir.resolve("q.jsonl"), List.of("{\"expectedId\": \"delivery\"}"));

    Run repeated = evaluate(twice, noText);
    Run blank = evaluate(kb, noText);
    Run missing = evaluate(dir.resolve("nope.jsonl"), noText);

    assertEquals(2, repeated.exitCode());
    assertTrue(repeated.err().contains(twice + ":2: id \"delivery\" appears twice"), repeated.err());
    assertEquals(2, blank.exitCode());
    assertTrue(blank.err().contains(noText + ":1: needs a non-empty string field \"query\""), blank.err());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
  }

  @Test
  @DisplayName("kb evaluate without --queries is a usage error: exit code 2 and a message naming the option.")
  void queriesAreRequired(@TempDir Path dir) throws IOException {
    Run run = run("kb", "evaluate", "--kb", Files.write(dir.resolve("kb.jsonl"), KB).toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--queries"), run.err());
  }

  @Test
  @DisplayName("A question no entry answers (expectedId null) counts against precision, not recall; without a locale "
      + "it is refused with its line.")
  void unanswerableQuestions(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path queries = Files.write(dir.resolve("queries.jsonl"), List.of(
        "{\"query\": \"how long does delivery take?\", \"expectedId\": \"delivery\"}",
        "{\"query\": \"can I return a delivery drone\", \"expectedId\": null, \"locale\": \"en\"}"));
    Path noLocale = Files.write(dir.resolve("no-locale.jsonl"), List.of(
        "{\"query\": \"tell me a joke\", \"expectedId\": null}"));

    Run run = run("kb", "evaluate", "--kb", kb.toString(), "--queries", queries.toString(), "--model", "none");
    Run refused = run("kb", "evaluate", "--kb", kb.toString(), "--queries", noLocale.toString(), "--model", "none");

    assertEquals(0, run.exitCode(), run.err());
    JsonObject bm25 = new JsonObject(run.out().strip()).getJsonObject("bm25");
    assertEquals(1, bm25.getInteger("count"));
    assertEquals(1, bm25.getInteger("unanswerable"));
    assertEquals(1.0, bm25.getDouble("recallAt1"));
    JsonObject lowest = bm25.getJsonArray("confidence").getJsonObject(0);
    // Both questions share words with an entry, so both get an answer at the lowest threshold: one of two is wrong.
    assertEquals(2, lowest.getInteger("answered"), bm25.encode());
    assertEquals(0.5, lowest.getDouble("precision"), bm25.encode());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("no-locale.jsonl:1:") && refused.err().contains("locale"), refused.err());
  }

  @Test
  @DisplayName("kb calibrate on the committed questions writes exactly the calibration the knowledge base ships.")
  void calibrateReproducesTheShippedFit(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("calibration.properties");

    Run run = run("kb", "calibrate", "--kb", "src/main/resources/demo/knowledge.jsonl",
        "--queries", "src/test/resources/kb/demo-paraphrases.jsonl",
        "--queries", "src/test/resources/kb/demo-unanswerable.jsonl", "--out", out.toString());

    assertEquals(0, run.exitCode(), run.err());
    JsonObject result = new JsonObject(run.out().strip());
    assertEquals(255, result.getInteger("queries"));
    assertTrue(result.getJsonObject("hybrid").getJsonObject("weights").getDouble("coverage") > 0, result.encode());
    assertEquals(Files.readString(Path.of("../knowledge-base/src/main/resources/com/shopchat/kb/calibration.properties")),
        Files.readString(out));
  }

  @Test
  @DisplayName("kb calibrate refuses a negative --l2 and an unreadable queries file with exit code 2.")
  void calibrateBadInput(@TempDir Path dir) throws IOException {
    Path kb = Files.write(dir.resolve("kb.jsonl"), KB);
    Path bad = Files.write(dir.resolve("bad.jsonl"), List.of("{\"query\": 1}"));
    Path good = Files.write(dir.resolve("good.jsonl"), List.of(
        "{\"query\": \"how long does delivery take?\", \"expectedId\": \"delivery\"}"));
    Path out = dir.resolve("calibration.properties");

    Run badQueries = run("kb", "calibrate", "--kb", kb.toString(), "--queries", bad.toString(), "--model", "none",
        "--out", out.toString());
    Run badL2 = run("kb", "calibrate", "--kb", kb.toString(), "--queries", good.toString(), "--model", "none",
        "--l2=-1", "--out", out.toString());

    assertEquals(2, badQueries.exitCode());
    assertTrue(badQueries.err().contains("bad.jsonl:1:"), badQueries.err());
    assertEquals(2, badL2.exitCode());
    assertTrue(badL2.err().contains("--l2"), badL2.err());
    assertTrue(Files.notExists(out), "nothing written");
  }
}
