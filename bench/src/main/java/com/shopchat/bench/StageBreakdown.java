package com.shopchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own view of a phase: from two scrapes of its Prometheus endpoint, per stage of the bot turn
 * ({@code shopchat_bot_turn_duration_seconds{stage}}: total, nlu, dialogue, kb, recommendations, database) the
 * calls, their mean and the share over 50 ms, plus the NLU queue's wait, so a slow phase says which stage was slow.
 * The turn's "total" runs from the stored shopper message to the stored reply; what the bench measures beyond it
 * is storing the message and the sockets.
 */
final class StageBreakdown {

  private static final Pattern SAMPLE = Pattern.compile(
    "^(shopchat_bot_turn_duration_seconds|shopchat_nlu_queue_wait_seconds|vertx_pool_queue_time_seconds"
      + "|vertx_pool_usage_seconds)_(bucket|sum|count)(?:\\{([^}]*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Map<String, Double> values;

  private StageBreakdown(Map<String, Double> values) {
    this.values = values;
  }

  /** The server's meters now; empty when it has none (the echo server, metrics off). */
  static StageBreakdown scrape(int port) {
    Map<String, Double> values = new TreeMap<>();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        return new StageBreakdown(values);
      }
      for (String line : res.body().split("\n")) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.find()) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher l = LABEL.matcher(m.group(3) == null ? "" : m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        String stage = m.group(1).startsWith("shopchat_nlu") ? "nlu queue"
          : m.group(1).startsWith("vertx_pool_queue") ? "pool wait " + labels.get("pool_name")
          : m.group(1).startsWith("vertx_pool_usage") ? "pool held " + labels.get("pool_name")
          : labels.getOrDefault("stage", "?");
        String key = stage + "|" + m.group(2) + ("bucket".equals(m.group(2)) ? "|" + labels.get("le") : "");
        values.put(key, Double.parseDouble(m.group(4)));
      }
    } catch (IOException | InterruptedException | NumberFormatException e) {
      System.out.println("  (no server metrics: " + e + ")");
    }
    return new StageBreakdown(values);
  }

  /**
   * One line per stage: calls in the phase, their mean, and how many took over 50 ms; then the connection pools'
   * wait for a connection and time holding one (Vert.x's meters, which have no buckets).
   */
  String since(StageBreakdown before) {
    StringBuilder out = new StringBuilder();
    for (String stage : new String[] {"total", "nlu queue", "nlu", "dialogue", "kb", "recommendations", "database"}) {
      double count = delta(before, stage + "|count");
      if (count <= 0) {
        continue;
      }
      double sum = delta(before, stage + "|sum");
      double within50 = delta(before, stage + "|bucket|0.05");
      out.append(String.format(Locale.ROOT, "    %-16s %7.0f calls, mean %6.1f ms, over 50 ms %5.1f %%%n", stage,
        count, 1000 * sum / count, 100 * (count - within50) / count));
    }
    values.keySet().stream().filter(k -> k.startsWith("pool ") && k.endsWith("|count"))
      .map(k -> k.substring(0, k.length() - "|count".length())).forEach(pool -> {
        double count = delta(before, pool + "|count");
        if (count > 0) {
          out.append(String.format(Locale.ROOT, "    %-22s %7.0f times, mean %6.2f ms%n", pool, count,
            1000 * delta(before, pool + "|sum") / count));
        }
      });
    return out.toString();
  }

  private double delta(StageBreakdown before, String key) {
    return values.getOrDefault(key, 0.0) - before.values.getOrDefault(key, 0.0);
  }
}
