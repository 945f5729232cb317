package com.shopchat.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.EnumSet;
import java.util.UUID;

/**
 * One Prometheus registry for the process: Vert.x reports its HTTP, websocket, pool and event-bus meters into it
 * (when the {@link Vertx} was built by {@link #vertx}), the platform adds its own ({@link Metrics}), and
 * {@code GET /metrics} scrapes it.
 */
public final class Prometheus {

  /**
   * The Vert.x labels kept; every other one is dropped. Not the path (ids in URLs) nor the remote address: the
   * route template names the endpoint instead. Not the event-bus address either, which carries conversation and
   * agent ids ({@code chat.conversation.<id>}).
   */
  static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
    Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE, Label.EB_FAILURE);

  // Seconds, in nanoseconds as Micrometer keeps timers: 5 ms to 10 s.
  private static final double[] LATENCY_BUCKETS = {5e6, 1e7, 2.5e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 2.5e9, 5e9, 1e10};

  private Prometheus() {
  }

  /** A registry in which Vert.x's HTTP and websocket latencies are histograms, so Prometheus can take quantiles. */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        // Vert.x's naming may use dots or underscores; both render as vertx_http_*_response_time_seconds.
        String name = id.getName().replace('_', '.');
        return name.startsWith("vertx.http.") && name.endsWith(".response.time")
          ? DistributionStatisticConfig.builder().serviceLevelObjectives(LATENCY_BUCKETS).build().merge(config)
          : config;
      }
    });
    return registry;
  }

  /** A Vert.x whose own meters (and the JVM's) go into {@code registry}, with {@code options} otherwise. */
  public static Vertx vertx(VertxOptions options, PrometheusMeterRegistry registry) {
    return builder(options, registry).build();
  }

  /**
   * As {@link #vertx}, not built yet: a clustered node adds its cluster manager and builds it with
   * {@code buildClustered()}.
   */
  public static VertxBuilder builder(VertxOptions options, PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      // Vert.x keeps backends in a static map by this name: one per Vertx, so two in one JVM (tests) never share.
      .setRegistryName("shopchat-" + UUID.randomUUID())
      .setLabels(LABELS)
      .setJvmMetricsEnabled(true);
    return Vertx.builder()
      .with(new VertxOptions(options).setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** {@code GET /metrics}: the text exposition format. */
  public static Handler<RoutingContext> scrape(PrometheusMeterRegistry registry) {
    return PrometheusScrapingHandler.create(registry);
  }
}
