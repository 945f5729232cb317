package com.shopchat.nlu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.Main;
import com.shopchat.nlu.corpus.ShopCorpus;
import com.shopchat.nlu.model.SharedIntentFixture;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("chatbot nlu")
class NluCommandTest {

  private static final Map<String, List<String>> FIXTURE = Map.of(
      "track_order", List.of("where is my order", "track my package", "has my parcel shipped",
          "status of my order", "where is my parcel now", "我的订单在哪里"),
      "get_refund", List.of("I want my money back", "give me a refund", "refund my payment",
          "when do I get my refund", "how do I get a refund", "我要退款"),
      "greeting", List.of("hello", "hi there", "good morning", "hey", "hello bot", "你好"),
      "oos", List.of("what is the capital of peru", "tell me a joke about dogs", "how tall is mount everest",
          "play some jazz music", "what is two plus two", "who won the football game"));

  private static final String[] TINY = {"--epochs", "40", "--hidden", "32", "--layers", "1", "--heads", "2",
      "--batch", "8", "--lr", "3e-3", "--seed", "7", "--max-vocab", "500"};

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

  private static Path writeFixture(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    FIXTURE.forEach((intent, texts) -> texts.forEach(text ->
        lines.add(new JsonObject().put("text", text).put("intent", intent).encode())));
    return Files.write(dir.resolve("train.jsonl"), lines);
  }

  private static String[] concat(String[] first, String... second) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(second));
    return all.toArray(String[]::new);
  }

  @Test
  @DisplayName("Training then evaluating on a tiny fixture writes the model files and prints one JSON object "
      + "with every metric, at least 90% accurate on its own training data.")
  void trainThenEvaluate(@TempDir Path dir) throws IOException {
    Path data = writeFixture(dir);
    Path model = dir.resolve("model");

    Run train = run(concat(new String[] {"nlu", "train", "--data", data.toString(), "--val", data.toString(),
        "--out", model.toString()}, TINY));
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(train.err().contains("epoch 40/40"), train.err());
    for (String file : List.of("intent-0000.params", "tokenizer.json", "labels.json", "config.json", "metrics.json")) {
      assertTrue(Files.isRegularFile(model.resolve(file)), file);
    }
    assertTrue(new JsonObject(Files.readString(model.resolve("metrics.json"))).containsKey("validation"));

    Run evaluate = run("nlu", "evaluate", "--model", model.toString(), "--data", data.toString());
    assertEquals(0, evaluate.exitCode(), evaluate.err());
    JsonObject result = new JsonObject(evaluate.out().strip());
    for (String key : List.of("accuracy", "inScopeAccuracy", "oosRecall", "macroF1", "perIntentF1",
        "topConfusions", "count", "model")) {
      assertTrue(result.containsKey(key), key);
    }
    assertEquals(24, result.getInteger("count"));
    assertEquals(FIXTURE.keySet(), result.getJsonObject("perIntentF1").fieldNames());
    assertTrue(result.getDouble("accuracy") >= 0.9, result.encodePrettily());

    // An ensemble of a model with itself averages identical probabilities: the same scores.
    Run twice = run("nlu", "evaluate", "--model", model.toString(), "--ensemble", model.toString(),
        "--data", data.toString());
    assertEquals(0, twice.exitCode(), twice.err());
    assertEquals(result.getDouble("accuracy"), new JsonObject(twice.out().strip()).getDouble("accuracy"));
  }

  @Test
  @DisplayName("An n-gram model trains in seconds with --kind ngram, and evaluates alone and in an ensemble with a "
      + "transformer, equally or with --weight, and sweeps OOS thresholds from the same predictions.")
  void ngramModelJoinsAnEnsemble(@TempDir Path dir) throws IOException {
    // The transformer other test classes share, and its fixture as training data for the n-gram model.
    Path transformer = dir.resolve("transformer");
    SharedIntentFixture.model().save(transformer);
    List<String> lines = SharedIntentFixture.data().stream()
        .map(e -> new JsonObject().put("text", e.text()).put("intent", e.intent()).encode()).toList();
    Path data = Files.write(dir.resolve("shop.jsonl"), lines);
    Path ngram = dir.resolve("ngram");

    Run train = run("nlu", "train", "--kind", "ngram", "--data", data.toString(), "--val", data.toString(),
        "--out", ngram.toString(), "--epochs", "20", "--hidden", "16", "--char-lengths", "2-4");
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(train.err().contains("epoch 20/20"), train.err());
    for (String file : List.of("ngram-weights.bin", "labels.json", "config.json", "metrics.json")) {
      assertTrue(Files.isRegularFile(ngram.resolve(file)), file);
    }
    assertEquals("ngram", new JsonObject(Files.readString(ngram.resolve("config.json"))).getString("kind"));
    JsonObject trainingConfig = new JsonObject(Files.readString(ngram.resolve("metrics.json")))
        .getJsonObject("trainingConfig");
    assertEquals("ngram", trainingConfig.getString("kind"));
    assertEquals(16, trainingConfig.getInteger("hidden"));
    assertEquals(4, trainingConfig.getInteger("charMax"));

    Run alone = run("nlu", "evaluate", "--model", ngram.toString(), "--data", data.toString(), "--oos-threshold", "0");
    assertEquals(0, alone.exitCode(), alone.err());
    assertTrue(new JsonObject(alone.out().strip()).getDouble("accuracy") >= 0.95, alone.out());

    Run both = run("nlu", "evaluate", "--model", transformer.toString(), "--ensemble", ngram.toString(),
        "--data", data.toString(), "--oos-threshold", "0", "--sweep", "0,0.5");
    assertEquals(0, both.exitCode(), both.err());
    JsonObject result = new JsonObject(both.out().strip());
    assertTrue(result.getDouble("accuracy") >= 0.95, result.encodePrettily());
    assertEquals(List.of(ngram.toString()), result.getJsonArray("ensemble").getList());
    assertEquals(2, result.getJsonArray("sweep").size());
    assertEquals(result.getDouble("accuracy"), result.getJsonArray("sweep").getJsonObject(0).getDouble("accuracy"));

    // All the weight on the n-gram model: exactly the n-gram model's answers.
    Run weighted = run("nlu", "evaluate", "--model", transformer.toString(), "--ensemble", ngram.toString(),
        "--weight", "0", "--weight", "1", "--data", data.toString(), "--oos-threshold", "0");
    assertEquals(0, weighted.exitCode(), weighted.err());
    assertEquals(new JsonObject(alone.out().strip()).getJsonObject("perIntentF1"),
        new JsonObject(weighted.out().strip()).getJsonObject("perIntentF1"));

    Run wrongCount = run("nlu", "evaluate", "--model", transformer.toString(), "--ensemble", ngram.toString(),
        "--weight", "1", "--data", data.toString());
    assertEquals(2, wrongCount.exitCode());
    assertTrue(wrongCount.err().contains("--weight"), wrongCount.err());
    Run unknownKind = run("nlu", "train", "--kind", "svm", "--data", data.toString(), "--out", ngram.toString());
    assertEquals(2, unknownKind.exitCode());
    assertTrue(unknownKind.err().contains("--kind"), unknownKind.err());
    Run badLengths = run("nlu", "train", "--kind", "ngram", "--char-lengths", "5", "--data", data.toString(),
        "--out", ngram.toString());
    assertEquals(2, badLengths.exitCode());
    assertTrue(badLengths.err().contains("--char-lengths"), badLengths.err());
  }

  @Test
  @DisplayName("nlu corpus writes the generator's JSON Lines, the same bytes for the same seed, and prints per-intent "
      + "counts in both languages on stderr.")
  void corpusIsWrittenWithCounts(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("a/corpus.jsonl");
    Path second = dir.resolve("b/corpus.jsonl");

    Run corpus = run("nlu", "corpus", "--out", first.toString(), "--seed", "7");
    Run again = run("nlu", "corpus", "--out", second.toString(), "--seed", "7");

    assertEquals(0, corpus.exitCode(), corpus.err());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(ShopCorpus.load().generate(7).jsonLines(), Files.readString(first));
    assertEquals(Files.readString(first), Files.readString(second));
    assertTrue(corpus.err().matches("(?s).*\\ntrack_order +\\d+ +\\d+ +\\d+\\n.*"), corpus.err());
    assertTrue(corpus.err().contains("wrote " + Files.readAllLines(first).size() + " rows"), corpus.err());
  }

  @Test
  @DisplayName("nlu corpus without --out is a usage error: exit code 2 and a message naming the option.")
  void corpusNeedsOut() {
    Run corpus = run("nlu", "corpus");

    assertEquals(2, corpus.exitCode());
    assertTrue(corpus.err().contains("--out"), corpus.err());
  }

  @Test
  @DisplayName("A malformed JSON line stops training with exit code 2, names the file and line, and writes nothing.")
  void malformedLineIsRefused(@TempDir Path dir) throws IOException {
    Path data = Files.write(dir.resolve("bad.jsonl"), List.of(
        "{\"text\": \"where is my order\", \"intent\": \"track_order\"}",
        "",
        "{\"text\": \"hello\", \"intent\": "));
    Path model = dir.resolve("model");

    Run train = run("nlu", "train", "--data", data.toString(), "--out", model.toString());

    assertEquals(2, train.exitCode());
    assertTrue(train.err().contains(data + ":3"), train.err());
    assertFalse(Files.exists(model));
  }

  @Test
  @DisplayName("A missing data file or an empty one is refused with exit code 2 and a message saying which.")
  void missingOrEmptyDataIsRefused(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");

    Run missing = run("nlu", "train", "--data", dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("m").toString());
    Run none = run("nlu", "evaluate", "--model", dir.toString(), "--data", empty.toString());

    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no examples"), none.err());
    assertFalse(Files.exists(dir.resolve("m")));
  }

  /** Three utterances with labelled entities in the Bitext style (role-named types, a span past the text). */
  private static Path writeEntityFixture(Path dir) throws IOException {
    return Files.write(dir.resolve("entities.jsonl"), List.of(
        "{\"text\": \"where is my order 00123842\", \"intent\": \"track_order\", \"entities\": "
            + "[{\"type\": \"order_id\", \"value\": \"123842\", \"start\": 18, \"end\": 26}]}",
        "{\"text\": \"do you ship to Munich\", \"intent\": \"track_order\", \"entities\": "
            + "[{\"type\": \"delivery_city\", \"value\": \"Munich\", \"start\": 15, \"end\": 21}]}",
        "{\"text\": \"reimburse $12\", \"intent\": \"get_refund\", \"entities\": "
            + "[{\"type\": \"refund_amount\", \"value\": \"12\", \"start\": 11, \"end\": 15}]}"));
  }

  @Test
  @DisplayName("Scoring entities needs no model: it prints one JSON object with overall and per-type scores.")
  void scoresEntitiesWithoutAModel(@TempDir Path dir) throws IOException {
    Path data = writeEntityFixture(dir);

    Run entities = run("nlu", "entities", "--data", data.toString());

    assertEquals(0, entities.exitCode(), entities.err());
    JsonObject result = new JsonObject(entities.out().strip());
    assertEquals(2.0 / 3, result.getDouble("entityF1"), 1e-4, result.encodePrettily());
    assertEquals(1.0, result.getJsonObject("entityTrimmedLabels").getDouble("f1"), result.encodePrettily());
    assertEquals(Set.of("order_id", "delivery_city", "refund_amount"),
        result.getJsonObject("entityPerType").fieldNames());
    assertEquals(3, result.getInteger("count"));
  }

  @Test
  @DisplayName("Scoring entities on data without any is refused with exit code 2.")
  void entitiesNeedLabelledData(@TempDir Path dir) throws IOException {
    Run entities = run("nlu", "entities", "--data", writeFixture(dir).toString());

    assertEquals(2, entities.exitCode());
    assertTrue(entities.err().contains("no example has \"entities\""), entities.err());
  }

  @Test
  @DisplayName("Evaluating a model on data with labelled entities reports the entity scores next to the intent ones.")
  void evaluateAddsEntityScores(@TempDir Path dir) throws IOException {
    // The tiny model other test classes share: training one here would double this class's time.
    Path model = dir.resolve("model");
    SharedIntentFixture.model().save(model);

    Run evaluate = run("nlu", "evaluate", "--model", model.toString(), "--data", writeEntityFixture(dir).toString());

    assertEquals(0, evaluate.exitCode(), evaluate.err());
    JsonObject result = new JsonObject(evaluate.out().strip());
    for (String key : List.of("accuracy", "entityF1", "entityPrecision", "entityRecall", "entityValueAccuracy",
        "entityPerType")) {
      assertTrue(result.containsKey(key), key);
    }
  }
}
