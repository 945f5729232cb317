package com.shopchat.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.shopchat.config.ClusterSettings;
import com.shopchat.ops.Prometheus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the Vert.x a node runs on: a plain one by default, or, with {@code CLUSTER_ENABLED}, a clustered one whose
 * event bus, shared maps and locks span every node of the cluster through Hazelcast. Members find each other
 * only through the configured list (TCP/IP join): no multicast, no cloud auto-detection, no phone-home.
 */
public final class Clustering {

  private Clustering() {
  }

  /**
   * A Vert.x for this node, its meters going into {@code registry} ({@code null}: no Vert.x meters). Clustered, it
   * completes once this node has joined (or formed) the cluster.
   */
  public static Future<Vertx> vertx(ClusterSettings cluster, PrometheusMeterRegistry registry) {
    VertxOptions options = new VertxOptions();
    if (cluster.enabled()) {
      // The bus binds the cluster address and tells the others that address (not whatever the host resolves to).
      options.setEventBusOptions(new EventBusOptions().setHost(cluster.host()).setPort(cluster.busPort())
        .setClusterPublicHost(cluster.host()));
    }
    VertxBuilder builder = registry == null ? Vertx.builder().with(options) : Prometheus.builder(options, registry);
    if (!cluster.enabled()) {
      return Future.succeededFuture(builder.build());
    }
    return builder.withClusterManager(new HazelcastClusterManager(hazelcast(cluster))).buildClustered();
  }

  /**
   * Vert.x's own Hazelcast configuration (the maps its event bus keeps its subscriptions in) joined by the listed
   * members only. Other Hazelcast properties ({@code hazelcast.partition.count}, heartbeat timeouts, …) may be set
   * as JVM system properties; Hazelcast reads those where the configuration leaves them unset.
   */
  public static Config hazelcast(ClusterSettings cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Bind the cluster address only, and give it to the others as this member's address.
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
