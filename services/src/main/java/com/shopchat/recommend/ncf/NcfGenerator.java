package com.shopchat.recommend.ncf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * Writes a synthetic leave-one-out data set in the NCF file format with planted structure: items belong to one of
 * several taste clusters and have Zipf popularity; each user has a home cluster and picks 85 % of 20–50
 * interactions there (popular ones more often), the rest from the whole catalog. The last interaction of each
 * user (by timestamp) is held out; 99 negatives are drawn uniformly from items the user never touched. A model
 * that learns the clusters (iALS, ItemKNN) should clearly beat ItemPop. Deterministic for a seed.
 */
public final class NcfGenerator {

  public static final int NEGATIVES = 99;

  private NcfGenerator() {
  }

  /** The files written. */
  public record Files3(Path train, Path test, Path negatives) {
  }

  public static Files3 write(Path dir, int users, int items, long seed) throws IOException {
    if (users < 1 || items < 200) {
      throw new IllegalArgumentException("need at least 1 user and 200 items (got " + users + ", " + items + ")");
    }
    Random random = new Random(seed);
    int clusters = Math.max(2, Math.min(10, items / 100));
    double[] popularity = new double[items];
    for (int i = 0; i < items; i++) {
      popularity[i] = 1 / Math.pow(1 + random.nextInt(items), 0.8);
    }
    double[][] cumulative = new double[clusters + 1][];
    int[][] members = new int[clusters + 1][];
    for (int c = 0; c <= clusters; c++) {
      int cluster = c;
      // Cluster `clusters` stands for the whole catalog.
      members[c] = java.util.stream.IntStream.range(0, items).filter(i -> cluster == clusters || i % clusters == cluster)
          .toArray();
      cumulative[c] = new double[members[c].length];
      double sum = 0;
      for (int k = 0; k < members[c].length; k++) {
        sum += popularity[members[c][k]];
        cumulative[c][k] = sum;
      }
    }
    java.nio.file.Files.createDirectories(dir);
    Files3 out = new Files3(dir.resolve("synthetic.train.rating"), dir.resolve("synthetic.test.rating"),
        dir.resolve("synthetic.test.negative"));
    try (BufferedWriter train = writer(out.train()); BufferedWriter test = writer(out.test());
        BufferedWriter negatives = writer(out.negatives())) {
      for (int u = 0; u < users; u++) {
        int home = random.nextInt(clusters);
        int length = 20 + random.nextInt(31);
        Set<Integer> history = new LinkedHashSet<>();
        while (history.size() < length) {
          int c = random.nextDouble() < 0.85 ? home : clusters;
          history.add(members[c][draw(cumulative[c], random)]);
        }
        Integer[] ordered = history.toArray(Integer[]::new);
        long time = 978_300_000L + random.nextInt(1_000_000);
        for (int k = 0; k < ordered.length; k++) {
          String line = u + "\t" + ordered[k] + "\t" + (1 + random.nextInt(5)) + "\t" + (time + k * 60L) + "\n";
          (k == ordered.length - 1 ? test : train).write(line);
        }
        negatives.write(negativeLine(u, ordered[ordered.length - 1], history, items, random));
      }
    }
    return out;
  }

  private static String negativeLine(int user, int held, Set<Integer> history, int items, Random random) {
    Set<Integer> negs = new LinkedHashSet<>();
    while (negs.size() < NEGATIVES) {
      int i = random.nextInt(items);
      if (!history.contains(i)) {
        negs.add(i);
      }
    }
    StringBuilder line = new StringBuilder("(" + user + "," + held + ")");
    for (int n : negs) {
      line.append('\t').append(n);
    }
    return line.append('\n').toString();
  }

  private static int draw(double[] cumulative, Random random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int k = Arrays.binarySearch(cumulative, x);
    return Math.min(cumulative.length - 1, k >= 0 ? k : -k - 1);
  }

  private static BufferedWriter writer(Path file) throws IOException {
    return java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}
