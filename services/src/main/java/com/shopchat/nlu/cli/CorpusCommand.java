package com.shopchat.nlu.cli;

import com.shopchat.nlu.corpus.ShopCorpus;
import com.shopchat.nlu.corpus.ShopCorpus.GeneratedCorpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatbot nlu corpus}: writes the project's own English and Chinese shopper-utterance corpus. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = "Generate the shop's own training corpus (English and Chinese) as JSON Lines "
        + "{\"text\",\"intent\",\"locale\"}; per-intent counts go to stderr.")
public final class CorpusCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, description = "File to write (JSON Lines); its directory is created.")
  Path out;

  @Option(names = "--seed", description = "Seed of the generator; the same seed gives the same file "
      + "(default: ${DEFAULT-VALUE}, the committed services/nlu/corpus/shop-corpus.jsonl).")
  long seed = ShopCorpus.DEFAULT_SEED;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GeneratedCorpus corpus = ShopCorpus.load().generate(seed);
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, corpus.jsonLines(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("nlu corpus: cannot write " + out + ": " + e.getMessage());
      return 1;
    }
    printCounts(err, corpus);
    err.printf("nlu corpus: wrote %d rows to %s (seed %d); %d generated utterances dropped because another "
        + "intent already had them%n", corpus.rows().size(), out, seed, corpus.collisions().size());
    return 0;
  }

  private static void printCounts(PrintWriter err, GeneratedCorpus corpus) {
    err.printf("%-26s %6s %6s %6s%n", "intent", "en", "zh", "total");
    int en = 0;
    int zh = 0;
    for (Map.Entry<String, Map<String, Integer>> intent : corpus.counts().entrySet()) {
      int intentEn = intent.getValue().getOrDefault("en", 0);
      int intentZh = intent.getValue().getOrDefault("zh", 0);
      err.printf("%-26s %6d %6d %6d%n", intent.getKey(), intentEn, intentZh, intentEn + intentZh);
      en += intentEn;
      zh += intentZh;
    }
    err.printf("%-26s %6d %6d %6d%n", "total", en, zh, en + zh);
  }
}
