package com.shopchat.recommend.cli;

import com.shopchat.recommend.Blend;
import com.shopchat.recommend.ImplicitAls;
import com.shopchat.recommend.ItemKnn;
import com.shopchat.recommend.ncf.NcfComparison;
import com.shopchat.recommend.ncf.NcfDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot recommend evaluate-ncf}: the leave-one-out protocol of He et al. 2017 (NCF) — each test user's
 * held-out item ranked among its 99 negatives — for ItemPop, ItemKNN, iALS and their hybrid blend; prints one
 * JSON object with HR@10, NDCG@10, counts and training seconds on stdout. Exit code 2 on unreadable input.
 */
@Command(name = "evaluate-ncf", mixinStandardHelpOptions = true,
    description = "Evaluate the recommenders on NCF leave-one-out files; prints one JSON object on stdout.")
public final class EvaluateNcfCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--train", required = true, description = "Training lines: user<TAB>item<TAB>rating<TAB>time.")
  Path train;

  @Option(names = "--test", required = true, description = "Held-out lines, one per user, same format.")
  Path test;

  @Option(names = "--negatives", required = true, description = "Lines (user,item)<TAB>neg1<TAB>…<TAB>neg99.")
  Path negatives;

  @Option(names = "--factors", defaultValue = "32", description = "iALS factors (default 32).")
  int factors;

  @Option(names = "--iterations", defaultValue = "10", description = "iALS iterations (default 10).")
  int iterations;

  @Option(names = "--neighbours", defaultValue = "100", description = "ItemKNN neighbours per item (default 100).")
  int neighbours;

  @Option(names = "--seed", defaultValue = "42", description = "iALS initialisation seed (default 42).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    NcfDataset data;
    try {
      data = NcfDataset.load(train, test, negatives);
    } catch (NcfDataset.FormatException e) {
      err.println("recommend evaluate-ncf: " + e.getMessage());
      return 2;
    }
    if (data.tests().isEmpty()) {
      err.println("recommend evaluate-ncf: " + test + " holds no test cases");
      return 2;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    ImplicitAls.Settings als;
    try {
      als = new ImplicitAls.Settings(factors, iterations, 10, 0.1, 3, seed, threads);
    } catch (IllegalArgumentException e) {
      err.println("recommend evaluate-ncf: " + e.getMessage());
      return 2;
    }
    err.printf("recommend evaluate-ncf: %d users, %d items, %d training interactions, %d test users%n",
        data.users(), data.items(), data.train().size(), data.tests().size());
    ItemKnn.Settings knn = new ItemKnn.Settings(Math.max(1, neighbours), Integer.MAX_VALUE, 2.0, threads);
    spec.commandLine().getOut().println(NcfComparison.run(data, knn, als, Blend.DEFAULT).encode());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
