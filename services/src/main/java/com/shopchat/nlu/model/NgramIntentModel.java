package com.shopchat.nlu.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A linear intent classifier: softmax regression over sparse word unigrams and bigrams and character n-grams
 * ({@code charMin}..{@code charMax}, within each word, the word marked {@code <word>}), all read from the text as
 * {@link BertPreTokenizer} normalises it (lower case, accents and control characters gone, punctuation split
 * off), so it sees the same words as the transformer's tokenizer. Trains in seconds on a CPU and errs
 * differently from the transformer, which is what an ensemble member is for.
 *
 * <p>Features are identified by a 64-bit FNV-1a hash of their text; only those seen in training get a weight
 * row. Each utterance's word block and character block are scaled to unit length over all its features, known
 * or not, so an utterance made mostly of unseen words gets a flatter, less confident answer.
 *
 * <p>Immutable once trained; {@link #predictProbabilities} is thread-safe.
 */
public final class NgramIntentModel implements IntentClassifier {

  static final String WEIGHTS_FILE = "ngram-weights.bin";
  private static final int MAGIC = 0x4e47524d; // "NGRM"
  private static final int PROGRESS_STEP = 256;

  private final NgramConfig config;
  private final List<String> labels;
  /** Feature hash of each weight row, in row order. */
  private final long[] keys;
  private final Map<Long, Integer> rows;
  /** {@code keys.length × labels.size()}, row-major. */
  private final float[] weights;
  private final float[] bias;

  private NgramIntentModel(NgramConfig config, List<String> labels, long[] keys, float[] weights, float[] bias) {
    this.config = config;
    this.labels = List.copyOf(labels);
    this.keys = keys;
    this.weights = weights;
    this.bias = bias;
    this.rows = new HashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      rows.put(keys[i], i);
    }
  }

  /** Trains on the data (deterministic for a seed). */
  public static NgramIntentModel train(List<LabeledText> data, NgramConfig cfg) {
    return train(data, cfg, IntentModel.EpochListener.NONE);
  }

  /** As {@link #train(List, NgramConfig)}, telling the listener after every epoch how training goes. */
  public static NgramIntentModel train(List<LabeledText> data, NgramConfig cfg, IntentModel.EpochListener listener) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training data");
    }
    List<String> labels = IntentModel.labelsOf(data);
    int classes = labels.size();
    Map<Long, Integer> counts = new HashMap<>();
    List<Features> plain = new ArrayList<>(data.size());
    for (LabeledText example : data) {
      Features features = Features.of(example.text(), cfg);
      plain.add(features);
      for (long key : features.keys) {
        counts.merge(key, 1, Integer::sum);
      }
    }
    long[] keys = counts.entrySet().stream().filter(e -> e.getValue() >= cfg.minCount())
        .mapToLong(Map.Entry::getKey).sorted().toArray();
    NgramIntentModel model = new NgramIntentModel(cfg, labels, keys, new float[keys.length * classes],
        new float[classes]);
    int[] targets = data.stream().mapToInt(example -> labels.indexOf(example.intent())).toArray();
    model.fit(data, plain, targets, listener);
    return model;
  }

  private void fit(List<LabeledText> data, List<Features> plain, int[] targets, IntentModel.EpochListener listener) {
    int classes = labels.size();
    float[] squares = new float[weights.length];
    float[] biasSquares = new float[classes];
    float[] logits = new float[classes];
    float[] gradient = new float[classes];
    TextAugmenter augmenter = new TextAugmenter(config.typoRate(), config.wordDropout());
    Random random = new Random(config.seed());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    float off = config.labelSmoothing() / classes;
    float on = 1 - config.labelSmoothing() + off;
    float rate = config.learningRate();
    float l2 = config.l2();
    int batches = (data.size() + PROGRESS_STEP - 1) / PROGRESS_STEP;
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      Collections.shuffle(order, random);
      double lossSum = 0;
      for (int n = 0; n < order.size(); n++) {
        int i = order.get(n);
        Features features = augmenter.active()
            ? Features.of(augmenter.augment(data.get(i).text(), random), config) : plain.get(i);
        int[] active = rowsOf(features);
        scores(features, active, logits);
        softmax(logits);
        for (int c = 0; c < classes; c++) {
          float target = c == targets[i] ? on : off;
          lossSum -= target * Math.log(Math.max(logits[c], 1e-12f));
          gradient[c] = logits[c] - target;
        }
        for (int k = 0; k < active.length; k++) {
          if (active[k] < 0) {
            continue;
          }
          float value = features.values[k];
          int base = active[k] * classes;
          for (int c = 0; c < classes; c++) {
            int at = base + c;
            float g = gradient[c] * value + l2 * weights[at];
            squares[at] += g * g;
            weights[at] -= rate * g / (float) Math.sqrt(squares[at] + 1e-10f);
          }
        }
        for (int c = 0; c < classes; c++) {
          biasSquares[c] += gradient[c] * gradient[c];
          bias[c] -= rate * gradient[c] / (float) Math.sqrt(biasSquares[c] + 1e-10f);
        }
        if ((n + 1) % PROGRESS_STEP == 0 || n + 1 == order.size()) {
          listener.batchEnded(epoch, n / PROGRESS_STEP + 1, batches);
        }
      }
      double meanLoss = lossSum / data.size();
      if (!Double.isFinite(meanLoss)) {
        throw new IllegalStateException("training diverged: mean loss " + meanLoss + " in epoch " + epoch);
      }
      if (listener != IntentModel.EpochListener.NONE) {
        listener.epochEnded(epoch, config.epochs(), meanLoss, this::predictProbabilities);
      }
    }
  }

  private int[] rowsOf(Features features) {
    int[] active = new int[features.keys.length];
    for (int k = 0; k < active.length; k++) {
      active[k] = rows.getOrDefault(features.keys[k], -1);
    }
    return active;
  }

  private void scores(Features features, int[] active, float[] logits) {
    int classes = labels.size();
    System.arraycopy(bias, 0, logits, 0, classes);
    for (int k = 0; k < active.length; k++) {
      if (active[k] < 0) {
        continue;
      }
      float value = features.values[k];
      int base = active[k] * classes;
      for (int c = 0; c < classes; c++) {
        logits[c] += value * weights[base + c];
      }
    }
  }

  private static void softmax(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float logit : logits) {
      max = Math.max(max, logit);
    }
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      logits[c] = (float) Math.exp(logits[c] - max);
      sum += logits[c];
    }
    for (int c = 0; c < logits.length; c++) {
      logits[c] /= (float) sum;
    }
  }

  @Override
  public List<float[]> predictProbabilities(List<String> texts) {
    List<float[]> result = new ArrayList<>(texts.size());
    for (String text : texts) {
      Features features = Features.of(text, config);
      float[] row = new float[labels.size()];
      scores(features, rowsOf(features), row);
      softmax(row);
      result.add(row);
    }
    return result;
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  public NgramConfig config() {
    return config;
  }

  /** How many features have a weight row. */
  public int featureCount() {
    return keys.length;
  }

  /** Writes {@code config.json} (kind {@value IntentClassifier#NGRAM}), {@code labels.json} and the weights. */
  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("labels.json"), new JsonArray(new ArrayList<>(labels)).encodePrettily());
    Files.writeString(dir.resolve("config.json"), new JsonObject().put("kind", NGRAM).put("labels", labels.size())
        .put("features", keys.length).put("training", config.toJson()).encodePrettily());
    ByteBuffer buffer = ByteBuffer.allocate(12 + 8 * keys.length + 4 * (weights.length + bias.length))
        .order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(keys.length).putInt(labels.size());
    buffer.asLongBuffer().put(keys);
    buffer.position(buffer.position() + 8 * keys.length);
    buffer.asFloatBuffer().put(weights).put(bias);
    buffer.position(buffer.capacity()).flip();
    try (FileChannel out = FileChannel.open(dir.resolve(WEIGHTS_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /** Loads a model written by {@link #save}. */
  public static NgramIntentModel load(Path dir) throws IOException {
    JsonObject json = new JsonObject(Files.readString(dir.resolve("config.json")));
    if (!NGRAM.equals(json.getString("kind"))) {
      throw new IOException(dir + " holds no n-gram model (kind " + json.getString("kind") + ")");
    }
    NgramConfig config = NgramConfig.fromJson(json.getJsonObject("training"));
    List<String> labels = new JsonArray(Files.readString(dir.resolve("labels.json"))).stream()
        .map(String::valueOf).toList();
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(WEIGHTS_FILE))).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (buffer.getInt() != MAGIC) {
        throw new IOException(dir.resolve(WEIGHTS_FILE) + ": not n-gram weights");
      }
      int features = buffer.getInt();
      int classes = buffer.getInt();
      if (classes != labels.size() || buffer.remaining() != 8L * features + 4L * (features + 1L) * classes) {
        throw new IOException(dir.resolve(WEIGHTS_FILE) + ": " + features + " × " + classes
            + " weights do not match the file's size or labels.json's " + labels.size() + " intents");
      }
      long[] keys = new long[features];
      buffer.asLongBuffer().get(keys);
      buffer.position(buffer.position() + 8 * features);
      float[] weights = new float[features * classes];
      float[] bias = new float[classes];
      buffer.asFloatBuffer().get(weights).get(bias);
      return new NgramIntentModel(config, labels, keys, weights, bias);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(dir.resolve(WEIGHTS_FILE) + ": truncated", e);
    }
  }

  @Override
  public void close() {
    // Plain Java arrays: nothing to release.
  }

  /** The distinct features of one utterance with their values (each block at unit length). */
  record Features(long[] keys, float[] values) {

    static Features of(String text, NgramConfig cfg) {
      List<String> words = BertPreTokenizer.words(text);
      Set<Long> wordKeys = new LinkedHashSet<>();
      Set<Long> charKeys = new LinkedHashSet<>();
      String previous = "\u0002";
      for (String word : words) {
        wordKeys.add(hash('w', word, ""));
        wordKeys.add(hash('b', previous, word));
        previous = word;
        if (word.codePointCount(0, word.length()) == 1 && (BertPreTokenizer.isPunctuation(word.codePointAt(0))
            || BertPreTokenizer.isCjk(word.codePointAt(0)))) {
          continue;
        }
        String padded = "<" + word + ">";
        for (int n = cfg.charMin(); n <= cfg.charMax(); n++) {
          for (int start = 0; start + n <= padded.length(); start++) {
            charKeys.add(hash('c', padded.substring(start, start + n), ""));
          }
        }
      }
      if (!words.isEmpty()) {
        wordKeys.add(hash('b', previous, "\u0003"));
      }
      // CJK ideographs stand alone as words, so their n-grams are the word bigrams: nothing more to add.
      int chars = cfg.charWeight() > 0 ? charKeys.size() : 0;
      long[] keys = new long[wordKeys.size() + chars];
      float[] values = new float[keys.length];
      float wordValue = wordKeys.isEmpty() ? 0 : (float) (1 / Math.sqrt(wordKeys.size()));
      float charValue = chars == 0 ? 0 : (float) (cfg.charWeight() / Math.sqrt(chars));
      int k = 0;
      for (long key : wordKeys) {
        keys[k] = key;
        values[k++] = wordValue;
      }
      if (chars > 0) {
        for (long key : charKeys) {
          keys[k] = key;
          values[k++] = charValue;
        }
      }
      return new Features(keys, values);
    }

    /** FNV-1a, 64 bits, over the kind, the first part, a separator and the second part. */
    static long hash(char kind, String first, String second) {
      long hash = 0xcbf29ce484222325L;
      hash = mix(hash, kind);
      for (int i = 0; i < first.length(); i++) {
        hash = mix(hash, first.charAt(i));
      }
      hash = mix(hash, '\u0001');
      for (int i = 0; i < second.length(); i++) {
        hash = mix(hash, second.charAt(i));
      }
      return hash;
    }

    private static long mix(long hash, char c) {
      return (((hash ^ (c & 0xff)) * 0x100000001b3L) ^ (c >>> 8)) * 0x100000001b3L;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Features f && Arrays.equals(keys, f.keys) && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(keys);
    }

    @Override
    public String toString() {
      return keys.length + " features";
    }
  }
}
