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

  public static final String WEIGHTS_FILE = "ngram-weights.bin";
  private static final int MAGIC = 0x4e47524d; // "NGRM"
  private static final int PROGRESS_STEP = 256;

  private final NgramConfig config;
  private final List<String> labels;
  /** Feature hash of each weight row, in row order. */
  private final long[] keys;
  private final Map<Long, Integer> rows;
  /** Output width of the first layer: the intents (linear) or the hidden units. */
  private final int width;
  /** {@code keys.length × width}, row-major: each feature's vector. */
  private final float[] first;
  private final float[] firstBias;
  /** With a hidden layer: {@code intents × hidden}, row-major; else empty. */
  private final float[] second;
  private final float[] secondBias;

  private NgramIntentModel(NgramConfig config, List<String> labels, long[] keys, float[] first, float[] firstBias,
      float[] second, float[] secondBias) {
    this.config = config;
    this.labels = List.copyOf(labels);
    this.keys = keys;
    this.width = config.hidden() > 0 ? config.hidden() : labels.size();
    this.first = first;
    this.firstBias = firstBias;
    this.second = second;
    this.secondBias = secondBias;
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
    int hidden = cfg.hidden();
    int width = hidden > 0 ? hidden : classes;
    float[] first = new float[keys.length * width];
    float[] second = new float[hidden * classes];
    if (hidden > 0) {
      // Small random feature vectors and a Glorot-uniform output layer: zeros would keep every unit the same.
      Random init = new Random(cfg.seed() ^ 0x5DEECE66DL);
      for (int i = 0; i < first.length; i++) {
        first[i] = (init.nextFloat() * 2 - 1) * 0.1f;
      }
      float limit = (float) Math.sqrt(6.0 / (hidden + classes));
      for (int i = 0; i < second.length; i++) {
        second[i] = (init.nextFloat() * 2 - 1) * limit;
      }
    }
    NgramIntentModel model = new NgramIntentModel(cfg, labels, keys, first, new float[width], second,
        new float[hidden > 0 ? classes : 0]);
    int[] targets = data.stream().mapToInt(example -> labels.indexOf(example.intent())).toArray();
    model.fit(data, plain, targets, listener);
    return model;
  }

  /** AdaGrad on every weight an example touches: {@code weights[at] -= rate * g / sqrt(sum of g squared)}. */
  private static void step(float[] weights, float[] squares, int at, float g, float rate) {
    squares[at] += g * g;
    weights[at] -= rate * g / (float) Math.sqrt(squares[at] + 1e-10f);
  }

  private void fit(List<LabeledText> data, List<Features> plain, int[] targets, IntentModel.EpochListener listener) {
    int classes = labels.size();
    int hidden = config.hidden();
    float[] firstSquares = new float[first.length];
    float[] firstBiasSquares = new float[width];
    float[] secondSquares = new float[second.length];
    float[] secondBiasSquares = new float[secondBias.length];
    float[] activations = new float[width];
    float[] logits = new float[classes];
    float[] gradient = new float[classes];
    float[] hiddenGradient = new float[width];
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
        forward(features, active, activations, logits);
        for (int c = 0; c < classes; c++) {
          float target = c == targets[i] ? on : off;
          lossSum -= target * Math.log(Math.max(logits[c], 1e-12f));
          gradient[c] = logits[c] - target;
        }
        float[] firstGradient = gradient;
        if (hidden > 0) {
          // Back through the output layer to the ReLU units (using the output weights before this step).
          java.util.Arrays.fill(hiddenGradient, 0f);
          for (int c = 0; c < classes; c++) {
            int base = c * hidden;
            float g = gradient[c];
            for (int h = 0; h < hidden; h++) {
              hiddenGradient[h] += g * second[base + h];
            }
          }
          for (int c = 0; c < classes; c++) {
            int base = c * hidden;
            for (int h = 0; h < hidden; h++) {
              if (activations[h] > 0) {
                step(second, secondSquares, base + h, gradient[c] * activations[h] + l2 * second[base + h], rate);
              }
            }
            step(secondBias, secondBiasSquares, c, gradient[c], rate);
          }
          for (int h = 0; h < hidden; h++) {
            hiddenGradient[h] = activations[h] > 0 ? hiddenGradient[h] : 0;
          }
          firstGradient = hiddenGradient;
        }
        for (int k = 0; k < active.length; k++) {
          if (active[k] < 0) {
            continue;
          }
          float value = features.values[k];
          int base = active[k] * width;
          for (int u = 0; u < width; u++) {
            if (firstGradient[u] != 0) {
              step(first, firstSquares, base + u, firstGradient[u] * value + l2 * first[base + u], rate);
            }
          }
        }
        for (int u = 0; u < width; u++) {
          step(firstBias, firstBiasSquares, u, firstGradient[u], rate);
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

  /** Fills {@code activations} (the first layer's output, after the ReLU when there is a hidden layer) and the
   * intents' probabilities. */
  private void forward(Features features, int[] active, float[] activations, float[] probabilities) {
    System.arraycopy(firstBias, 0, activations, 0, width);
    for (int k = 0; k < active.length; k++) {
      if (active[k] < 0) {
        continue;
      }
      float value = features.values[k];
      int base = active[k] * width;
      for (int u = 0; u < width; u++) {
        activations[u] += value * first[base + u];
      }
    }
    int hidden = config.hidden();
    if (hidden == 0) {
      System.arraycopy(activations, 0, probabilities, 0, width);
    } else {
      for (int h = 0; h < hidden; h++) {
        activations[h] = Math.max(0, activations[h]);
      }
      for (int c = 0; c < probabilities.length; c++) {
        float sum = secondBias[c];
        int base = c * hidden;
        for (int h = 0; h < hidden; h++) {
          sum += second[base + h] * activations[h];
        }
        probabilities[c] = sum;
      }
    }
    softmax(probabilities);
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
    float[] activations = new float[width];
    for (String text : texts) {
      Features features = Features.of(text, config);
      float[] row = new float[labels.size()];
      forward(features, rowsOf(features), activations, row);
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
    ByteBuffer buffer = ByteBuffer.allocate(16 + 8 * keys.length
        + 4 * (first.length + firstBias.length + second.length + secondBias.length)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(keys.length).putInt(labels.size()).putInt(config.hidden());
    buffer.asLongBuffer().put(keys);
    buffer.position(buffer.position() + 8 * keys.length);
    buffer.asFloatBuffer().put(first).put(firstBias).put(second).put(secondBias);
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
    Path file = dir.resolve(WEIGHTS_FILE);
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (buffer.getInt() != MAGIC) {
        throw new IOException(file + ": not n-gram weights");
      }
      int features = buffer.getInt();
      int classes = buffer.getInt();
      int hidden = buffer.getInt();
      int width = hidden > 0 ? hidden : classes;
      long floats = (long) features * width + width + (long) hidden * classes + (hidden > 0 ? classes : 0);
      if (classes != labels.size() || hidden != config.hidden() || buffer.remaining() != 8L * features + 4 * floats) {
        throw new IOException(file + ": " + features + " features, " + classes + " intents, " + hidden
            + " hidden units do not match the file's size, labels.json or config.json");
      }
      long[] keys = new long[features];
      buffer.asLongBuffer().get(keys);
      buffer.position(buffer.position() + 8 * features);
      float[] first = new float[features * width];
      float[] firstBias = new float[width];
      float[] second = new float[hidden * classes];
      float[] secondBias = new float[hidden > 0 ? classes : 0];
      buffer.asFloatBuffer().get(first).get(firstBias).get(second).get(secondBias);
      return new NgramIntentModel(config, labels, keys, first, firstBias, second, secondBias);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(file + ": truncated", e);
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
