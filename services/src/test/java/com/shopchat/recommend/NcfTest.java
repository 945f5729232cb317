package com.shopchat.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.Main;
import com.shopchat.recommend.ncf.NcfDataset;
import com.shopchat.recommend.ncf.NcfEvaluation;
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

@DisplayName("NCF leave-one-out evaluation and chatbot recommend")
class NcfTest {

  private record Run(int exitCode, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Run(commandLine.execute(args), out.toString(), err.toString());
  }

  @Test
  @DisplayName("HR@10 and NDCG@10 are exact on a hand-made case: ranks 0, 1 (a tie counts against) and 11.")
  void exactMetrics() {
    int[] negatives = java.util.stream.IntStream.rangeClosed(1, 11).toArray();
    List<NcfDataset.TestCase> tests = List.of(new NcfDataset.TestCase(0, 100, negatives),
        new NcfDataset.TestCase(1, 101, negatives), new NcfDataset.TestCase(2, 102, negatives));
    // Negative n scores 100 − n (99..89). The held-out item scores 100 for user 0 (rank 0), 99 for user 1 (tied
    // with item 1: rank 1) and 80 for user 2 (all eleven above: rank 11, a miss).
    float[] heldOut = {100, 99, 80};
    NcfEvaluation.Result r = NcfEvaluation.evaluate(tests, (u, items) -> {
      float[] s = new float[items.length];
      for (int k = 0; k < items.length; k++) {
        s[k] = items[k] >= 100 ? heldOut[u] : 100 - items[k];
      }
      return s;
    }, 10);
    assertEquals(2, r.hits());
    assertEquals(2 / 3.0, r.hitRatio(), 1e-9);
    assertEquals((1 + 1 / (Math.log(3) / Math.log(2))) / 3, r.ndcg(), 1e-9);
  }

  @Test
  @DisplayName("On generated data with taste clusters, iALS, ItemKNN and the hybrid clearly beat ItemPop.")
  void generatedDataRanksModels(@TempDir Path dir) {
    Run generated = run("recommend", "generate-ncf", "--out", dir.toString(), "--users", "600", "--items", "400",
        "--seed", "3");
    assertEquals(0, generated.exitCode(), generated.err());
    Run run = run("recommend", "evaluate-ncf", "--train", dir.resolve("synthetic.train.rating").toString(),
        "--test", dir.resolve("synthetic.test.rating").toString(),
        "--negatives", dir.resolve("synthetic.test.negative").toString(), "--iterations", "6");
    assertEquals(0, run.exitCode(), run.err());
    JsonObject result = new JsonObject(run.out().strip());
    assertEquals(600, result.getInteger("testUsers"));
    double pop = result.getJsonObject("itemPop").getDouble("hr");
    for (String model : List.of("itemKnn", "ials", "hybrid")) {
      double hr = result.getJsonObject(model).getDouble("hr");
      assertTrue(hr > pop + 0.15, model + " HR@10 " + hr + " vs ItemPop " + pop);
    }
  }

  @Test
  @DisplayName("A missing file is a clear error with exit code 2.")
  void missingFile(@TempDir Path dir) {
    Run run = run("recommend", "evaluate-ncf", "--train", dir.resolve("nope").toString(), "--test", "x",
        "--negatives", "y");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("nope: no such file"), run.err());
  }

  @Test
  @DisplayName("A malformed line names its file and line number, with exit code 2.")
  void malformedLine(@TempDir Path dir) throws IOException {
    Path train = Files.write(dir.resolve("train"), List.of("0\t1\t5\t1", "0\tbanana\t5\t2"));
    Path test = Files.write(dir.resolve("test"), List.of("0\t2\t5\t3"));
    Path negs = Files.write(dir.resolve("negs"), List.of("(0,2)\t3\t4"));
    Run run = run("recommend", "evaluate-ncf", "--train", train.toString(), "--test", test.toString(),
        "--negatives", negs.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("train:2: 'banana' is not a user or item id"), run.err());
    Path badNegs = Files.write(dir.resolve("negs2"), List.of("0,2\t3\t4"));
    Run second = run("recommend", "evaluate-ncf", "--train", test.toString(), "--test", test.toString(),
        "--negatives", badNegs.toString());
    assertEquals(2, second.exitCode());
    assertTrue(second.err().contains("negs2:1: expected (user,item)"), second.err());
  }
}
