package com.shopchat.nlu.serve;

import com.shopchat.nlu.model.NgramIntentModel;
import com.shopchat.nlu.model.NgramMember;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The short version of a saved intent model: a hash of the files that decide its answers. */
public final class ModelVersion {

  private static final int HEX_CHARS = 12;

  private ModelVersion() {
  }

  /**
   * SHA-256 over the weights ({@code *.params}), {@code tokenizer.json}, {@code labels.json} and
   * {@code config.json}, and the n-gram member's files when there is one ({@code ngram/…}), each with its name
   * and size, in name order; the first 12 hex digits. Retraining,
   * a new vocabulary or relabelling all change it; copying the directory does not.
   */
  public static String of(Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      listing.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".params")).forEach(files::add);
    }
    if (files.isEmpty()) {
      throw new IOException("no *.params weights in " + dir);
    }
    files.addAll(List.of("tokenizer.json", "labels.json", "config.json"));
    if (NgramMember.present(dir)) {
      for (String name : List.of("config.json", "labels.json", NgramIntentModel.WEIGHTS_FILE)) {
        files.add(NgramMember.DIR + "/" + name);
      }
    }
    files.sort(null);
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    for (String name : files) {
      Path file = dir.resolve(name);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Long.toString(Files.size(file)).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_CHARS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
