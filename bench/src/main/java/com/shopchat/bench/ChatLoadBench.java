package com.shopchat.bench;

import com.shopchat.config.PgSettings;
import com.shopchat.store.DatabaseBootstrap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Chat load over real websockets against the server started as a child JVM: cold start to ready, N shoppers
 * holding realistic conversations at a paced rate and then as fast as replies come, idle sessions' memory, and the
 * same client harness against a bare Vert.x websocket server ({@link EchoChatServer}) as the ceiling, in the same
 * run. Figures and commands are in docs/benchmarks.md ("Chat load").
 *
 * <p>Usage (from the repository root, after {@code mvn -DskipTests package}): {@code java -cp
 * services/target/chatbot.jar:bench/target/bench.jar com.shopchat.bench.ChatLoadBench [--sessions 1000]
 * [--rate 100] [--duration 30] [--warmup 10] [--idle 10000] [--model shipped] [--servers bot,echo]
 * [--jfr /tmp/chat.jfr] [--jfr-paced /tmp/paced.jfr] [--jvm-opts "-Dai.djl.offline=true"] [--turn-timeout 10] [--nodes 1]}; {@code --nodes 2}
 * runs the bot as a cluster of two nodes on this machine (Hazelcast on loopback, one database) and spreads the
 * shoppers over them: CPU and memory are the nodes' sums, the stage breakdown and JFR are the first node's.
 */
public final class ChatLoadBench {

  private static final int OPEN_CONCURRENCY = 200;
  private static final Duration HEALTH_WAIT = Duration.ofSeconds(180);

  private final Map<String, String> opts;
  private final Vertx vertx = Vertx.vertx();
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
  private final List<String> report = new ArrayList<>();
  private int servers;
  private int[] clusterPorts;

  private ChatLoadBench(Map<String, String> opts) {
    this.opts = opts;
  }

  /** {@code seconds}: the phase's nominal length; turns answered after it (the last ones in flight) are not counted. */
  private record PhaseReport(String label, int sessions, double seconds, TurnStats stats, double serverCpuPercent,
      double clientCpuPercent, double postgresCpuPercent, double machineCpuPercent, double serverRssMib) {
    double perSecond() {
      return stats.inWindow.sum() / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("sessions", "1000", "rate", "100", "duration", "30",
      "warmup", "10", "idle", "10000", "model", "shipped", "servers", "bot,echo", "turn-timeout", "10",
      "jvm-opts", "-Dai.djl.offline=true", "chatbot-jar", "services/target/chatbot.jar"));
    opts.put("nodes", "1");
    opts.put("bench-jar", "bench/target/bench.jar");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--") || !opts.containsKey(args[i].substring(2)) && !"--jfr".equals(args[i])
          && !"--jfr-paced".equals(args[i])) {
        System.err.println("unknown option " + args[i] + "; options: " + opts.keySet() + ", jfr, jfr-paced");
        System.exit(2);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    ChatLoadBench bench = new ChatLoadBench(opts);
    try {
      bench.run();
    } finally {
      bench.vertx.close().await(20, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "chat load %s: %s; %d cores; load average %s; %s%n", runId, opts,
      Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim(), fdLimit());
    Map<String, PhaseReport[]> results = new LinkedHashMap<>();
    for (String server : opts.get("servers").split(",")) {
      results.put(server, runServer(server.trim()));
    }
    System.out.println();
    System.out.println("| server | phase | sessions | turns/s | p50 ms | p95 ms | p99 ms | max ms | p99 from due ms "
      + "| errors (frames/timeouts/closed) | server CPU % | server CPU ms/turn | client CPU % | PostgreSQL CPU % "
      + "| PostgreSQL CPU ms/turn | machine CPU %% (of %d cores) | server RSS MiB |".formatted(
        Runtime.getRuntime().availableProcessors()));
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    results.forEach((server, phases) -> Arrays.stream(phases).forEach(p -> printPhase(server, p)));
    PhaseReport[] echo = results.get("echo");
    results.forEach((server, bot) -> {
      if (echo != null && bot != echo) {
        System.out.printf(Locale.ROOT, "%s / echo turns/s: paced %.2f, flat out %.3f%n", server,
          bot[0].perSecond() / echo[0].perSecond(), bot[1].perSecond() / echo[1].perSecond());
      }
    });
    System.out.println();
    report.forEach(System.out::println);
  }

  /** {@code spec}: {@code bot} or {@code echo}, optionally with extra server environment ({@code bot+KEY=value}). */
  private PhaseReport[] runServer(String spec) throws Exception {
    String[] parts = spec.split("\\+");
    String kind = parts[0];
    int port = freePort();
    int index = ++servers;
    String database = "bench_chat_" + runId + "_" + index;
    List<String> command = new ArrayList<>(List.of(javaCommand()));
    command.addAll(Arrays.asList(opts.get("jvm-opts").trim().split("\\s+")));
    Map<String, String> env = new HashMap<>();
    if ("bot".equals(kind)) {
      command.addAll(List.of("-cp", opts.get("chatbot-jar"), "com.shopchat.Main", "serve"));
      env.putAll(Map.of("PGDATABASE", database, "HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1",
        "NLU_MODEL_DIR", opts.get("model"), "RATE_LIMIT_MESSAGES", "100000", "EMBEDDED_PG", "false",
        "DEMO_DATA", "true",
        // A thousand shoppers from one address: the per-address connection limits would refuse them.
        "CHAT_MAX_SOCKETS_PER_IP", "0", "CHAT_CONNECTS_PER_IP", "0",
        "PGHOST", System.getenv().getOrDefault("PGHOST", "127.0.0.1")));
      for (int i = 1; i < parts.length; i++) {
        env.put(parts[i].substring(0, parts[i].indexOf('=')), parts[i].substring(parts[i].indexOf('=') + 1));
      }
    } else if ("echo".equals(kind)) {
      command.addAll(List.of("-cp", opts.get("chatbot-jar") + ":" + opts.get("bench-jar"),
        EchoChatServer.class.getName(), Integer.toString(port)));
    } else {
      throw new IllegalArgumentException("--servers takes bot and/or echo, not " + kind);
    }
    Path log = Path.of("/tmp", "chatload-" + runId + "-" + index + "-" + kind + ".log");
    System.out.printf("%n== %s: %s (log %s)%n", kind, String.join(" ", command), log);
    int nodes = "bot".equals(kind) ? Integer.parseInt(opts.get("nodes")) : 1;
    int[] ports = new int[nodes];
    ports[0] = port;
    try {
      PhaseReport[] phases;
      try (ServerProcess server = ServerProcess.start(command, nodes > 1 ? clustered(env, ports, 0) : env, log)) {
        for (int n = 1; n < nodes; n++) {
          // The first node created and migrated the database; each further one joins once the one before is up.
          waitForHealth(server, ports[n - 1]);
          Path nodeLog = Path.of("/tmp", "chatload-" + runId + "-" + index + "-" + kind + "-node" + (n + 1) + ".log");
          server.with(ServerProcess.start(command, clustered(env, ports, n), nodeLog));
        }
        if (nodes > 1) {
          waitForHealth(server, ports[nodes - 1]);
        }
        phases = measure(spec, server, ports, "bot".equals(kind) ? database : null);
      }
      if ("bot".equals(kind) && nodes == 1) {
        // A restart on the database the first process created, migrated and filled: a node coming back or joining.
        Path again = Path.of("/tmp", "chatload-" + runId + "-" + index + "-" + kind + "-restart.log");
        try (ServerProcess server = ServerProcess.start(command, env, again)) {
          double healthMs = waitForHealth(server, port);
          WebSocketClient client = client(10);
          PhaseReport first = phase("first turn after restart", openSessions(client, port, 1, "r"), server, 60, 0, 1);
          report.add(String.format(Locale.ROOT, "%s restart (same database): /health after %.0f ms, first chat turn "
            + "answered %.0f ms after the process started (errors %d); CPU %.1f s so far", spec, healthMs,
            (System.nanoTime() - server.startedNanos()) / 1e6, first.stats().errors(), server.cpuSeconds()));
          client.close().await(10, TimeUnit.SECONDS);
        }
      }
      return phases;
    } finally {
      if ("bot".equals(kind)) {
        dropDatabase(database);
      }
    }
  }

  /**
   * Node {@code n}'s environment in a cluster of {@code ports.length} nodes on this machine: clustering on, each its
   * own HTTP and Hazelcast port, all listed as members (the ports array gets node n's HTTP port).
   */
  private Map<String, String> clustered(Map<String, String> env, int[] ports, int n) throws java.io.IOException {
    if (clusterPorts == null) {
      clusterPorts = new int[ports.length];
      for (int i = 0; i < ports.length; i++) {
        clusterPorts[i] = freePort();
        if (i > 0) {
          ports[i] = freePort();
        }
      }
    }
    Map<String, String> node = new HashMap<>(env);
    node.put("HTTP_PORT", Integer.toString(ports[n]));
    node.putAll(Map.of("CLUSTER_ENABLED", "true", "CLUSTER_HOST", "127.0.0.1",
      "CLUSTER_PORT", Integer.toString(clusterPorts[n]), "CLUSTER_MEMBERS", String.join(",",
        Arrays.stream(clusterPorts).mapToObj(p -> "127.0.0.1:" + p).toList())));
    return node;
  }

  private PhaseReport[] measure(String kind, ServerProcess server, int[] ports, String database) throws Exception {
    int port = ports[0];
    long turnTimeout = TimeUnit.SECONDS.toMillis(Long.parseLong(opts.get("turn-timeout")));
    double healthMs = waitForHealth(server, port);
    WebSocketClient firstClient = client(10);
    List<ShopperSession> first = openSessions(firstClient, port, 1, "f");
    PhaseReport firstTurn = phase("first turn", first, server, 60, 0, 1);
    double readyMs = (System.nanoTime() - server.startedNanos()) / 1e6;
    firstClient.close().await(10, TimeUnit.SECONDS);
    report.add(String.format(Locale.ROOT, "%s cold start: /health after %.0f ms, first chat turn answered %.0f ms "
      + "after the process started (errors %d); RSS %.0f MiB, CPU %.1f s so far", kind, healthMs, readyMs,
      firstTurn.stats().errors(), server.rssMib(), server.cpuSeconds()));

    // Idle sessions first, on the fresh server: after an overload its backlog would still be answering hellos.
    if (database != null) {
      idleSessions(server, port, Integer.parseInt(opts.get("idle")));
    }
    int sessions = Integer.parseInt(opts.get("sessions"));
    WebSocketClient loadClient = client(sessions + 10);
    long opening = System.nanoTime();
    // With several nodes the shoppers are spread over them in turn, as a round-robin balancer would.
    List<ShopperSession> load = openSessions(loadClient, ports, sessions, "s");
    report.add(String.format(Locale.ROOT, "%s: %d of %d sessions open in %.1f s", kind, load.size(), sessions,
      (System.nanoTime() - opening) / 1e9));
    double rate = Double.parseDouble(opts.get("rate"));
    long duration = Long.parseLong(opts.get("duration"));
    phase("warm-up", load, server, Long.parseLong(opts.get("warmup")), rate, Integer.MAX_VALUE);
    drain(server);
    StageBreakdown beforePaced = database == null ? null : StageBreakdown.scrape(port);
    Path pacedJfr = opts.containsKey("jfr-paced") && database != null ? Path.of(opts.get("jfr-paced")) : null;
    if (pacedJfr != null) {
      server.jfrStart();
    }
    PhaseReport paced = phase("paced " + opts.get("rate") + "/s", load, server, duration, rate, Integer.MAX_VALUE);
    if (pacedJfr != null) {
      server.jfrStop(pacedJfr);
      report.add(kind + ": JFR of the paced phase in " + pacedJfr);
    }
    if (beforePaced != null) {
      report.add(kind + " paced phase, the server's stages (its /metrics"
        + (ports.length > 1 ? ", first node" : "") + "):\n" + StageBreakdown.scrape(port)
        .since(beforePaced));
    }
    Path jfr = opts.containsKey("jfr") && database != null ? Path.of(opts.get("jfr")) : null;
    if (jfr != null) {
      server.jfrStart();
    }
    drain(server);
    long[] dbBefore = database == null ? null : dbCounters(database);
    StageBreakdown beforeFlatOut = database == null ? null : StageBreakdown.scrape(port);
    PhaseReport flatOut = phase("flat out", load, server, duration, 0, Integer.MAX_VALUE);
    if (beforeFlatOut != null) {
      report.add(kind + " flat out, the server's stages (its /metrics" + (ports.length > 1 ? ", first node" : "")
        + "):\n" + StageBreakdown.scrape(port).since(beforeFlatOut));
    }
    if (dbBefore != null) {
      Thread.sleep(1500); // PostgreSQL publishes its statistics within a second
      long[] dbAfter = dbCounters(database);
      double turns = Math.max(1, flatOut.stats().turns());
      report.add(String.format(Locale.ROOT, "%s flat out, per turn: %.1f commits, %.1f rows inserted, %.1f updated, "
        + "%.1f fetched", kind, (dbAfter[0] - dbBefore[0]) / turns, (dbAfter[1] - dbBefore[1]) / turns,
        (dbAfter[2] - dbBefore[2]) / turns, (dbAfter[3] - dbBefore[3]) / turns));
    }
    if (jfr != null) {
      server.jfrStop(jfr);
      report.add(kind + ": JFR of the flat-out phase in " + jfr + " (jfr view hot-methods " + jfr + ")");
    }
    reportIntents(kind, paced);
    loadClient.close().await(30, TimeUnit.SECONDS);
    return new PhaseReport[] {paced, flatOut};
  }

  private PhaseReport phase(String label, List<ShopperSession> sessions, ServerProcess server, long seconds,
      double ratePerSecond, int maxTurns) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    TurnStats stats = new TurnStats(deadline);
    CountDownLatch done = new CountDownLatch(sessions.size());
    long interval = ratePerSecond <= 0 ? 0 : (long) (sessions.size() / ratePerSecond * 1e9);
    long timeout = TimeUnit.SECONDS.toMillis(Long.parseLong(opts.get("turn-timeout")));
    double serverCpu = server.cpuSeconds();
    long clientCpu = clientCpuNanos();
    double postgresCpu = HostCpu.postgresSeconds();
    double machineCpu = HostCpu.machineBusySeconds();
    var phase = new ShopperSession.Phase(stats, interval, deadline, maxTurns,
      timeout, done::countDown);
    sessions.forEach(s -> s.run(phase));
    if (!done.await(seconds + timeout / 1000 + 30, TimeUnit.SECONDS)) {
      System.out.println(label + ": " + done.getCount() + " sessions never finished the phase");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    // CPU over the whole phase, its tail included, since that is when it was spent.
    PhaseReport r = new PhaseReport(label, sessions.size(), seconds, stats,
      100 * (server.cpuSeconds() - serverCpu) / elapsed, 100 * (clientCpuNanos() - clientCpu) / 1e9 / elapsed,
      100 * (HostCpu.postgresSeconds() - postgresCpu) / elapsed,
      100 * (HostCpu.machineBusySeconds() - machineCpu) / elapsed,
      server.rssMib());
    System.out.printf(Locale.ROOT, "  %s: %d turns in %.1f s (%d in the first %d s = %.0f/s), p99 %.1f ms, errors %d "
      + "%s, load %s%n", label, stats.turns(), elapsed, stats.inWindow.sum(), seconds, r.perSecond(),
      stats.latency.getValueAtPercentile(99) / 1000.0, stats.errors(),
      stats.errorCodes(), Files.readString(Path.of("/proc/loadavg")).trim());
    return r;
  }

  /**
   * Waits (at most 60 s) until the server is done with turns whose sessions gave up on them: a timed-out turn is still
   * answered, and that backlog would otherwise be measured as the next phase's slowness. Done means a second in
   * which it used under a tenth of a core.
   */
  private static void drain(ServerProcess server) throws InterruptedException {
    long start = System.nanoTime();
    double cpu = server.cpuSeconds();
    for (int i = 0; i < 60; i++) {
      Thread.sleep(1000);
      double now = server.cpuSeconds();
      if (now - cpu < 0.1) {
        break;
      }
      cpu = now;
    }
    System.out.printf(Locale.ROOT, "  drained in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  private void idleSessions(ServerProcess server, int port, int count) throws Exception {
    if (count <= 0) {
      return;
    }
    double before = server.rssMib();
    WebSocketClient idleClient = client(count + 10);
    long start = System.nanoTime();
    List<ShopperSession> idle = openSessions(idleClient, port, count, "i");
    double openSeconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(3000); // bounded settle time, so the figure is not taken mid-allocation
    report.add(String.format(Locale.ROOT, "idle: %d of %d sessions open (hello answered) in %.1f s; server RSS "
      + "before %.0f MiB, after %.0f MiB (+%.1f KiB per session), peak %.0f MiB", idle.size(), count, openSeconds,
      before, server.rssMib(), (server.rssMib() - before) * 1024 / Math.max(1, idle.size()), server.peakRssMib()));
    idleClient.close().await(60, TimeUnit.SECONDS);
  }

  /** Opens up to {@code count} sessions, {@link #OPEN_CONCURRENCY} handshakes at a time, within two minutes. */
  private List<ShopperSession> openSessions(WebSocketClient client, int port, int count, String prefix)
      throws InterruptedException {
    return openSessions(client, new int[] {port}, count, prefix);
  }

  private List<ShopperSession> openSessions(WebSocketClient client, int[] ports, int count, String prefix)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(OPEN_CONCURRENCY);
    List<ShopperSession> open = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<String> firstFailure = new AtomicReference<>();
    TurnStats connection = new TurnStats(Long.MAX_VALUE);
    CountDownLatch settled = new CountDownLatch(count);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int i = 0; i < count; i++) {
      if (!inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        break;
      }
      String name = "b" + runId + prefix + i;
      ShopperSession.open(vertx, client, ports[i % ports.length], name, ShopperScript.locale(i), ShopperScript.forSession(i), connection,
        10_000).onComplete(ar -> {
          if (ar.succeeded()) {
            open.add(ar.result());
          } else {
            firstFailure.compareAndSet(null, ar.cause().toString());
          }
          inFlight.release();
          settled.countDown();
        });
    }
    settled.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (open.size() < count) {
      System.out.println("  " + (count - open.size()) + " of " + count + " sessions failed to open; first: "
        + firstFailure.get());
    }
    return new ArrayList<>(open);
  }

  private WebSocketClient client(int connections) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections)
      .setConnectTimeout(10_000));
  }

  private static double waitForHealth(ServerProcess server, int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
      .timeout(Duration.ofSeconds(2)).build();
    long deadline = server.startedNanos() + HEALTH_WAIT.toNanos();
    while (System.nanoTime() < deadline && server.alive()) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return (System.nanoTime() - server.startedNanos()) / 1e6;
        }
      } catch (java.io.IOException e) {
        // Not listening yet.
      }
      Thread.sleep(25);
    }
    throw new IllegalStateException("server not healthy within " + HEALTH_WAIT + " (alive " + server.alive()
      + "); see " + server.log());
  }

  private void reportIntents(String kind, PhaseReport paced) {
    report.add(String.format(Locale.ROOT, "%s paced phase: intents %s; %d replies with product cards; error codes %s",
      kind, paced.stats().intents(), paced.stats().withCards.sum(), paced.stats().errorCodes()));
    report.add(kind + " paced phase, latency by the reply's intent:\n" + paced.stats().latencyByIntent());
  }

  private static void printPhase(String server, PhaseReport p) {
    Histogram h = p.stats().latency;
    TurnStats s = p.stats();
    double perSecond = Math.max(1e-9, p.perSecond());
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d (%d/%d/%d) | %.0f "
        + "| %.2f | %.0f | %.0f | %.2f | %.0f | %.0f |%n", server, p.label(), p.sessions(), p.perSecond(), ms(h, 50),
      ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0, ms(s.fromDue, 99), s.errors(), s.errorFrames.sum(),
      s.timeouts.sum(), s.closedSockets.sum(), p.serverCpuPercent(), p.serverCpuPercent() * 10 / perSecond,
      p.clientCpuPercent(), p.postgresCpuPercent(), p.postgresCpuPercent() * 10 / perSecond, p.machineCpuPercent(),
      p.serverRssMib());
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void dropDatabase(String database) {
    DatabaseBootstrap.dropDatabase(pg(database));
    System.out.println("dropped database " + database);
  }

  private static PgSettings pg(String database) {
    String user = System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
    return new PgSettings(System.getenv().getOrDefault("PGHOST", "127.0.0.1"),
      Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432")), user, System.getenv("PGPASSWORD"), database);
  }

  /** Commits, rows inserted, updated and fetched in the database so far (pg_stat_database). */
  private static long[] dbCounters(String database) throws java.sql.SQLException {
    PgSettings pg = pg(database);
    try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         var ps = c.prepareStatement("SELECT xact_commit, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database "
           + "WHERE datname = ?")) {
      ps.setString(1, database);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
      }
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  private static String fdLimit() {
    try {
      return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
        .findFirst().orElse("").replaceAll("\\s+", " ").trim();
    } catch (java.io.IOException e) {
      return "open files limit unknown";
    }
  }
}
