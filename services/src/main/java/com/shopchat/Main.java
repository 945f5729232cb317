package com.shopchat;

import com.shopchat.admin.AdminCommand;
import com.shopchat.cluster.Clustering;
import com.shopchat.config.AppConfig;
import com.shopchat.config.ConfigCommand;
import com.shopchat.config.ConfigException;
import com.shopchat.knowledge.cli.KbCommand;
import com.shopchat.logging.LogSetup;
import com.shopchat.nlu.cli.NluCommand;
import com.shopchat.recommend.cli.RecommendCommand;
import com.shopchat.ops.Prometheus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar chatbot.jar [serve | nlu corpus … | nlu train … | nlu evaluate … | kb evaluate … |
 * recommend evaluate-ncf … | recommend generate-ncf … | admin create … | config docs …]}: with no command, or {@code serve}, loads the configuration and runs the platform; {@code nlu}
 * generates the shop corpus and trains and evaluates intent models; {@code kb} measures knowledge-base retrieval;
 * {@code admin create} adds a staff account; {@code config docs} writes the configuration reference.
 */
@Command(name = "chatbot", mixinStandardHelpOptions = true,
    description = "ShopChat: runs the platform (serve, the default), trains and evaluates its NLU model, "
        + "evaluates knowledge-base retrieval and recommenders, adds staff accounts.",
    subcommands = {Main.ServeCommand.class, NluCommand.class, KbCommand.class, RecommendCommand.class,
        AdminCommand.class, ConfigCommand.class})
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  // After the drain: closing the pool, the indexes, the model and Vert.x's own threads.
  private static final int RELEASE_SECONDS = 5;

  private Main() {
  }

  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    int exitCode = commandLine.execute(args);
    // A started server keeps the JVM alive on Vert.x threads; everything else ends here with its exit code.
    ParseResult parsed = commandLine.getParseResult();
    boolean serving = parsed != null && selected(commandLine, parsed).getCommand() instanceof ServeCommand;
    if (exitCode != 0 || !serving) {
      System.exit(exitCode);
    }
  }

  /** The whole command tree, {@code chatbot} at its root. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** The command the arguments run: the innermost subcommand named, or {@code serve} when none is. */
  public static CommandLine selected(CommandLine root, ParseResult parsed) {
    List<CommandLine> chain = parsed.asCommandLineList();
    CommandLine last = chain.get(chain.size() - 1);
    return last == root ? root.getSubcommands().get("serve") : last;
  }

  /** {@code chatbot} alone means {@code chatbot serve}, as it always has. */
  @Override
  public Integer call() throws Exception {
    return new ServeCommand().call();
  }

  /** {@code chatbot serve}: loads the configuration and runs the platform until the JVM is stopped. */
  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the platform (the default).")
  static final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
      AppConfig config;
      try {
        config = EmbeddedPostgres.ensureReachable(AppConfig.load(System.getenv()));
      } catch (ConfigException e) {
        System.err.println(e.getMessage());
        return 2;
      }
      serve(config);
      return 0;
    }
  }

  /**
   * One PyTorch thread per NLU worker unless set otherwise: the workers already keep the cores busy, and PyTorch's
   * own pool on top of each oversubscribes them — on 2 cores, 2 workers × 1 thread serve ~1.4× the utterances/s of
   * PyTorch's default (docs/benchmarks.md). Read once, when the engine starts, so it is set before anything loads.
   */
  static void servingThreads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  private static void serve(AppConfig config) {
    LogSetup.apply(config.logs());
    servingThreads();
    // With metrics on, Vert.x reports its own meters into the registry the app adds its own to and /metrics scrapes.
    PrometheusMeterRegistry registry = config.ops().metricsEnabled() ? Prometheus.registry() : null;
    // One node by default; with CLUSTER_ENABLED it joins the others first (docs/deploy.md, "Several nodes").
    Clustering.vertx(config.cluster(), registry)
      .onFailure(e -> {
        System.err.println("ShopChat could not join the cluster: " + e.getMessage());
        System.exit(1);
      })
      .onSuccess(vertx -> {
        MainVerticle app = new MainVerticle(config, registry);
        vertx.deployVerticle(app)
          .onSuccess(id -> System.out.printf("%nShopChat is running. Open http://localhost:%d/ for the demo shop and its chat.%n%n",
            app.port()))
          .onFailure(e -> {
            System.err.println("ShopChat could not start: " + e.getMessage());
            vertx.close().onComplete(v -> System.exit(1));
          });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(vertx, config), "shutdown"));
      });
  }

  /**
   * The JVM runs this on SIGTERM (also SIGINT and System.exit). Closing Vert.x undeploys the app, whose stop() drains
   * in order (stop listening, tell every socket to reconnect, finish the messages and bot turns in flight, then
   * close the pool: {@link MainVerticle#stop()}) within {@code SHUTDOWN_GRACE_SECONDS}; releasing the pool, the
   * model and Vert.x gets a few seconds more. The JVM then exits with 143 (128 + SIGTERM): the service unit counts
   * that as a clean stop ({@code SuccessExitStatus=143}, docs/deploy.md).
   */
  private static void drain(Vertx vertx, AppConfig config) {
    long started = System.nanoTime();
    LOG.info("stopping: draining connections and bot turns (at most {} s)", config.shutdownGraceSeconds());
    CountDownLatch closed = new CountDownLatch(1);
    vertx.close().onComplete(v -> closed.countDown());
    try {
      if (!closed.await(config.shutdownGraceSeconds() + RELEASE_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Vert.x did not close within {} s; exiting anyway", config.shutdownGraceSeconds() + RELEASE_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EmbeddedPostgres.stop();
    LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }
}
