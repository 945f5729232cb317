package com.shopchat.recommend.cli;

import com.shopchat.recommend.ncf.NcfGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatbot recommend generate-ncf}: writes a synthetic NCF-format data set with planted taste clusters. */
@Command(name = "generate-ncf", mixinStandardHelpOptions = true,
    description = "Write synthetic.train.rating, synthetic.test.rating and synthetic.test.negative to a directory.")
public final class GenerateNcfCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, description = "Directory to write to (created if missing).")
  Path out;

  @Option(names = "--users", defaultValue = "2000", description = "Users (default 2000).")
  int users;

  @Option(names = "--items", defaultValue = "1000", description = "Items, at least 200 (default 1000).")
  int items;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default 42).")
  long seed;

  @Override
  public Integer call() {
    try {
      NcfGenerator.Files3 files = NcfGenerator.write(out, users, items, seed);
      spec.commandLine().getErr().printf("recommend generate-ncf: wrote %s, %s, %s%n", files.train(), files.test(),
          files.negatives());
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("recommend generate-ncf: " + e.getMessage());
      return 2;
    }
  }
}
