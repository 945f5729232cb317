package com.shopchat.recommend.ncf;

import com.shopchat.recommend.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A leave-one-out data set in the files of He et al. 2017 (NCF, github.com/hexiangnan/neural_collaborative_filtering):
 * {@code train} and {@code test} lines {@code user\titem\trating\ttimestamp} (ids from 0; the test file holds each
 * user's held-out item), {@code negatives} lines {@code (user,item)\tneg1\tneg2…}. Every training line is one
 * implicit interaction (weight 1), whatever its rating, as in the paper.
 */
public record NcfDataset(int users, int items, Interactions train, List<TestCase> tests) {

  /** One user's held-out item and the items it is ranked among. */
  public record TestCase(int user, int item, int[] negatives) {
  }

  /** A file that cannot be read or a line that does not parse, with the file and line number. */
  public static final class FormatException extends Exception {
    public FormatException(String message) {
      super(message);
    }
  }

  public static NcfDataset load(Path trainFile, Path testFile, Path negativesFile) throws FormatException {
    List<int[]> train = pairs(trainFile);
    List<int[]> test = pairs(testFile);
    Map<Integer, int[]> negatives = negatives(negativesFile);
    int users = 0;
    int items = 0;
    for (List<int[]> list : List.of(train, test)) {
      for (int[] p : list) {
        users = Math.max(users, p[0] + 1);
        items = Math.max(items, p[1] + 1);
      }
    }
    for (int[] negs : negatives.values()) {
      for (int n : negs) {
        items = Math.max(items, n + 1);
      }
    }
    Interactions.Builder builder = new Interactions.Builder(users, items);
    for (int[] p : train) {
      builder.add(p[0], p[1], 1);
    }
    List<TestCase> tests = new ArrayList<>(test.size());
    for (int[] p : test) {
      int[] negs = negatives.get(p[0]);
      if (negs == null) {
        throw new FormatException(negativesFile + ": no negatives for test user " + p[0]);
      }
      tests.add(new TestCase(p[0], p[1], negs));
    }
    return new NcfDataset(users, items, builder.build(), List.copyOf(tests));
  }

  private static List<int[]> pairs(Path file) throws FormatException {
    List<int[]> out = new ArrayList<>();
    forEachLine(file, (line, number) -> {
      String[] f = line.split("\t");
      if (f.length < 2) {
        throw new FormatException(file + ":" + number + ": expected user<TAB>item<TAB>rating<TAB>timestamp, got '"
            + abbreviate(line) + "'");
      }
      out.add(new int[] {id(f[0], file, number), id(f[1], file, number)});
    });
    return out;
  }

  private static Map<Integer, int[]> negatives(Path file) throws FormatException {
    Map<Integer, int[]> out = new HashMap<>();
    forEachLine(file, (line, number) -> {
      String[] f = line.split("\t");
      String head = f[0].strip();
      if (!head.startsWith("(") || !head.endsWith(")") || !head.contains(",") || f.length < 2) {
        throw new FormatException(file + ":" + number + ": expected (user,item)<TAB>neg1<TAB>neg2…, got '"
            + abbreviate(line) + "'");
      }
      int user = id(head.substring(1, head.indexOf(',')), file, number);
      int[] negs = new int[f.length - 1];
      for (int k = 1; k < f.length; k++) {
        negs[k - 1] = id(f[k], file, number);
      }
      out.put(user, negs);
    });
    return out;
  }

  private interface LineHandler {
    void line(String line, int number) throws FormatException;
  }

  private static void forEachLine(Path file, LineHandler handler) throws FormatException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          handler.line(line, number);
        }
      }
    } catch (NoSuchFileException e) {
      throw new FormatException(file + ": no such file");
    } catch (IOException e) {
      throw new FormatException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static int id(String text, Path file, int line) throws FormatException {
    try {
      int id = Integer.parseInt(text.strip());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new FormatException(file + ":" + line + ": '" + abbreviate(text) + "' is not a user or item id "
          + "(a non-negative integer)");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
