package com.shopchat.nlu.serve;

import com.shopchat.nlu.model.NgramIntentModel;
import com.shopchat.nlu.model.NgramMember;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The e-commerce intent model that ships inside the jar (trained by {@code nlu train} on the project's
 * corpus plus bitext; see docs/benchmarks.md). DJL loads models from directories, so the files are
 * copied out of the class path into a private temporary directory once per process.
 */
public final class ShippedModel {

  /** Where the files live on the class path (and, in the source tree, under src/main/resources). */
  public static final String RESOURCE_DIR = "nlu/shop-model/";
  /** What {@code NLU_MODEL_DIR} and {@code nlu evaluate --model} name the shipped model by. */
  public static final String NAME = "shipped";

  private static final List<String> FILES = List.of("config.json", "labels.json", "tokenizer.json",
      "intent-0000.params", "metrics.json", "heldout.jsonl", "train.jsonl",
      NgramMember.DIR + "/config.json", NgramMember.DIR + "/labels.json", NgramMember.DIR + "/" + NgramIntentModel.WEIGHTS_FILE);

  private static Path extracted;

  private ShippedModel() {
  }

  /** True when this build carries a shipped model. */
  public static boolean available() {
    return ShippedModel.class.getClassLoader().getResource(RESOURCE_DIR + "config.json") != null;
  }

  /** The directory holding the shipped model's files; blocking (file copies) the first time. */
  public static synchronized Path directory() {
    if (extracted != null) {
      return extracted;
    }
    if (!available()) {
      throw new IllegalStateException("this build has no shipped NLU model (" + RESOURCE_DIR + " is missing)");
    }
    try {
      Path dir = Files.createTempDirectory("shopchat-nlu-");
      // Deleted at exit in the reverse order of registration: a directory before what it holds.
      dir.toFile().deleteOnExit();
      for (String file : FILES) {
        try (InputStream in = ShippedModel.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
          if (in != null) {
            Path target = dir.resolve(file);
            if (!Files.isDirectory(target.getParent())) {
              Files.createDirectories(target.getParent()).toFile().deleteOnExit();
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
          }
        }
      }
      extracted = dir;
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the shipped NLU model out of the jar", e);
    }
  }

  /** A model directory named by configuration: {@link #NAME} means the shipped one, anything else a path. */
  public static Path resolve(String nameOrPath) {
    return NAME.equals(nameOrPath) ? directory() : Path.of(nameOrPath);
  }
}
