package com.shopchat;

import com.shopchat.admin.KnowledgeAdminApi;
import com.shopchat.analytics.AnalyticsAdminApi;
import com.shopchat.analytics.AnalyticsRollups;
import com.shopchat.analytics.AnalyticsService;
import com.shopchat.analytics.ConversationReview;
import com.shopchat.admin.PasswordHasher;
import com.shopchat.admin.StaffAccounts;
import com.shopchat.admin.StaffAuth;
import com.shopchat.admin.TeamAdminApi;
import com.shopchat.cluster.ClusterSignals;
import com.shopchat.commerce.HttpShopBackend;
import com.shopchat.commerce.Product;
import com.shopchat.commerce.ShopBackend;
import com.shopchat.config.AppConfig;
import com.shopchat.config.RecommendSettings;
import com.shopchat.conversation.ChatService;
import com.shopchat.demo.DemoShopBackend;
import com.shopchat.demo.DemoShop;
import com.shopchat.demo.DemoShopLoader;
import com.shopchat.dialogue.DialogueManager;
import com.shopchat.experiment.ExperimentAdminApi;
import com.shopchat.promotion.ChatPromotions;
import com.shopchat.promotion.PromotionAdminApi;
import com.shopchat.promotion.PromotionRepository;
import com.shopchat.experiment.ExperimentRepository;
import com.shopchat.experiment.ExperimentService;
import com.shopchat.dialogue.Replies;
import com.shopchat.events.EventParser;
import com.shopchat.events.EventStore;
import com.shopchat.events.EventsApi;
import com.shopchat.gateway.ChatWebSocketHandler;
import com.shopchat.gateway.KeepAlive;
import com.shopchat.http.ApiRouter;
import com.shopchat.http.DemoSignInHandler;
import com.shopchat.http.NluParseHandler;
import com.shopchat.handoff.AgentApi;
import com.shopchat.handoff.AgentSocket;
import com.shopchat.handoff.CannedAdminApi;
import com.shopchat.handoff.CannedReplies;
import com.shopchat.handoff.HandoffRules;
import com.shopchat.handoff.HandoffRulesApi;
import com.shopchat.handoff.HandoffService;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.kb.KnowledgeIndex;
import com.shopchat.learning.InboxCapture;
import com.shopchat.learning.LearningAdminApi;
import com.shopchat.learning.LearningRepository;
import com.shopchat.learning.Retraining;
import com.shopchat.learning.ServingModel;
import com.shopchat.recommend.ChatRecommendations;
import com.shopchat.recommend.RecommenderService;
import com.shopchat.recommend.RecommenderTrainer;
import com.shopchat.recommend.RecommenderTraining;
import com.shopchat.knowledge.KnowledgeService;
import com.shopchat.knowledge.KnowledgeSync;
import com.shopchat.knowledge.SentenceEmbedder;
import com.shopchat.logging.LogLevelsApi;
import com.shopchat.nlu.BaselineIntentRecognizer;
import com.shopchat.nlu.entity.CatalogEntityIndex;
import com.shopchat.nlu.entity.CatalogItem;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.serve.IntentParser;
import com.shopchat.nlu.serve.LoadedModel;
import com.shopchat.nlu.serve.ShippedModel;
import com.shopchat.nlu.serve.TransformerIntentRecognizer;
import com.shopchat.nlu.Understanding;
import com.shopchat.ops.Health;
import com.shopchat.ops.Metrics;
import com.shopchat.ops.Prometheus;
import com.shopchat.ops.TimedStages;
import com.shopchat.profile.ProfileService;
import com.shopchat.profile.ShopperProfileApi;
import com.shopchat.store.CannedReplyRepository;
import com.shopchat.store.CatalogRepository;
import com.shopchat.store.ConversationRepository;
import com.shopchat.store.HandoffRepository;
import com.shopchat.store.DatabaseBootstrap;
import com.shopchat.store.KnowledgeEditRepository;
import com.shopchat.store.KnowledgeRepository;
import com.shopchat.store.ShopperRepository;
import com.shopchat.store.StaffRepository;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: database ready → pool → demo shop → shop backend client (with the demo shop's backend
 * when no shop API is configured) → knowledge index, and the catalog's entity index then NLU (a transformer model when one is configured, else the baseline) → dialogue → chat gateway, staff
 * sign-in (and the first admin), the admin API, behaviour events, shopper profiles and recommendation
 * experiments → HTTP server, with health checks and Prometheus metrics. Deployment succeeds only when the server
 * listens.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  private static final Duration ROUTING_INTERVAL = Duration.ofSeconds(15);

  private final AppConfig config;
  private final PrometheusMeterRegistry registry;
  private final Metrics metrics;
  private Health health;
  private volatile boolean nluLoaded;
  private Pool pool;
  private KnowledgeIndex index;
  private SentenceEmbedder embedder;
  private KnowledgeService knowledge;
  private CatalogEntityIndex catalogIndex;
  private TransformerIntentRecognizer transformer;
  private DemoShopBackend demoShopBackend;
  private HttpShopBackend shopBackend;
  private HttpServer server;
  private Router router;
  private StaffAuth staffAuth;
  private PasswordHasher passwordHasher;
  private RecommenderService recommender;
  private RecommenderTraining training;
  private long retrainTimer = -1;
  private HandoffService handoffs;
  private long routingTimer = -1;
  private long analyticsTimer = -1;
  private KnowledgeSync knowledgeSync;
  private long knowledgeReconcileTimer = -1;
  private AnalyticsRollups analyticsRollups;
  private ExperimentService experiments;
  private ChatService chat;
  private ClusterSignals signals;
  private LearningRepository learning;
  private EntityExtractor extractor;
  private ServingModel serving;
  private Path servingDir;
  /** How nlu_models names the model serving since start: {@code shipped} or its directory. */
  private String servingName;
  private Retraining retraining;
  private long nluRetrainTimer = -1;
  /** The configured model, read from the start on ({@code null} inside: the baseline). */
  private Future<LoadedModel> preloaded = Future.succeededFuture();
  /** The model chosen to serve, until the transformer owns it. */
  private volatile LoadedModel servedModel;
  /** Whether the configured model was closed already because a promoted one serves instead. */
  private volatile boolean preloadedReleased;

  /** A server whose metrics (when on) are its own: the app's meters only, Vert.x's need {@link Prometheus#vertx}. */
  public MainVerticle(AppConfig config) {
    this(config, config.ops().metricsEnabled() ? Prometheus.registry() : null);
  }

  /**
   * A server whose meters go into {@code registry}, the one Vert.x reports into when it was built by
   * {@link Prometheus#vertx}; {@code null}: no metrics.
   */
  public MainVerticle(AppConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = config.ops().metricsEnabled() ? registry : null;
    this.metrics = this.registry == null ? Metrics.NONE : new Metrics(this.registry);
  }

  @Override
  public Future<?> start() {
    signals = ClusterSignals.create(vertx);
    // The configured model is read meanwhile: it needs nothing from the database, and it is the slowest part.
    preloaded = preloadModel();
    return vertx.executeBlocking(() -> DatabaseBootstrap.prepare(config.pg()), false)
      .compose(migrations -> {
        // Named: Vert.x's pool meters (vertx_pool_*) carry it as pool_name.
        pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(config.ops().pgPoolSize()).setName("shopchat"))
          // A server that stopped answering (frozen, or the route black-holed) would hold a query for ever.
          .with(new NetClientOptions().setReadIdleTimeout(config.ops().pgReadTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
          .connectingTo(config.pg().connectOptions())
          .using(vertx)
          .build();
        metrics.gauge("shopchat.db.pool.connections",
          "PostgreSQL connections the pool holds now (at most PG_POOL_SIZE)", pool, Pool::size);
        health = Health.create(vertx, pool, Duration.ofMillis(config.ops().healthDatabaseTimeoutMillis()),
          () -> nluLoaded, () -> knowledge != null && !knowledge.rebuilding());
        return config.demoData() ? new DemoShopLoader(vertx, pool).loadIfEmpty() : Future.succeededFuture();
      })
      .compose(v -> startShopBackend())
      .compose(v -> {
        CatalogRepository catalog = new CatalogRepository(pool);
        learning = new LearningRepository(pool);
        // The catalog's entity index and the knowledge index (once the serving model is known: its sentence vectors
        // make it hybrid) build on workers side by side; the NLU is served once both the model and the entities are.
        Future<EntityExtractor> entities = entityExtractor(catalog);
        Future<LoadedModel> model = servedModel();
        Future<KnowledgeService> rebuilt = model.compose(this::knowledgeService);
        Future<IntentParser> nlu = Future.all(entities, model)
          .compose(both -> intentParser(entities.result(), model.result()));
        Future<Replies> replies = vertx.executeBlocking(Replies::load);
        ShopperIdentity identity = ShopperIdentity.create(config.shopIdentitySecret(),
          Duration.ofSeconds(config.identityMaxTtlSeconds()), Clock.systemUTC());
        Future<DemoSignInHandler> demoSignIn = config.demoData() && identity.enabled()
          ? vertx.executeBlocking(() -> new DemoSignInHandler(identity, DemoShop.signInShoppers()))
          : Future.succeededFuture();
        // join, not all: on a failure it still waits for the others, so whatever they built is known to stop().
        // Hashing is deliberately slow: the first admin is made on a worker, the hasher's decoy once listening.
        StaffRepository staff = new StaffRepository(pool);
        Future<PasswordHasher> hasher = vertx.executeBlocking(PasswordHasher::new, false)
          .onSuccess(h -> passwordHasher = h);
        Future<StaffAccounts> accounts = hasher.map(h -> new StaffAccounts(vertx, staff, h));
        Future<Void> firstAdmin = accounts.compose(a -> a.ensureFirstAdmin(config.admin(), config.demoData()));
        Future<ExperimentService> experimentService = ExperimentService.create(new ExperimentRepository(pool));
        HandoffRules rules = new HandoffRules(new HandoffRepository(pool));
        CannedReplies canned = new CannedReplies(new CannedReplyRepository(pool));
        Future<?> staffReady = Future.join(firstAdmin, rules.reload(), canned.start(vertx));
        Future<?> experimentsFollowed = experimentService.compose(service -> {
          service.onChanged(() -> signals.signal(ClusterSignals.EXPERIMENTS, new JsonObject()));
          return signals.subscribe(ClusterSignals.EXPERIMENTS, changed -> service.refresh()
            .onFailure(e -> LOG.warn("re-reading the experiments failed: {}", e.toString())));
        });
        return Future.join(rebuilt, nlu, replies, demoSignIn, staffReady, experimentsFollowed).map(all -> {
          experiments = experimentService.result();
          EventStore events = new EventStore(pool);
          EventParser eventParser = new EventParser(Clock.systemUTC());
          ProfileService profiles = new ProfileService(pool, events,
            Duration.ofDays(config.events().profileHalfLifeDays()), Clock.systemUTC());
          RecommendSettings rs = config.recommend();
          recommender = new RecommenderService(vertx, new RecommenderTrainer(RecommenderTrainer.Settings.DEFAULT),
            Clock.systemUTC());
          training = new RecommenderTraining(recommender, () -> ChatRecommendations.trainingInput(catalog, events,
            Duration.ofDays(rs.historyDays()), rs.maxTrainingEvents(), Clock.systemUTC()));
          // The first model trains in the background: until it serves, the chat simply shows no suggestions.
          training.retrain();
          retrainTimer = training.schedule(vertx, rs.retrainMinutes());
          PromotionRepository promotions = new PromotionRepository(pool);
          DialogueManager dialogue = new DialogueManager(TimedStages.knowledge(rebuilt.result(), metrics), shopBackend,
            TimedStages.recommendations(
              new ChatRecommendations(recommender, profiles, experiments, shopBackend, Clock.systemUTC()), metrics),
            new DialogueManager.OfferPacing(rs.minTurnsBetweenOffers(), rs.maxOffersPerConversation()),
            replies.result(), Clock.systemUTC(), rules::applies,
            new ChatPromotions(promotions, profiles, this::cartCents, Clock.systemUTC()));
          ConversationRepository conversations = new ConversationRepository(pool);
          handoffs = new HandoffService(vertx, new HandoffRepository(pool), conversations,
            c -> profiles.profile(c.visitorId(), c.shopperId()).compose(p -> cartCents(p.cart())), rules);
          IntentParser nluServed = learningLoop(nlu.result());
          chat = new ChatService(vertx, conversations, nluServed, dialogue, events, handoffs, metrics,
            new InboxCapture(learning));
          // Routing also runs on a timer: an agent freed or come online on another node is seen here too.
          // Handoff rules an admin changed on another node are read again on the same timer, and so is the running
          // experiment (also signalled; the timer covers a signal lost while a node was joining).
          routingTimer = vertx.setPeriodic(ROUTING_INTERVAL.toMillis(), id -> {
            handoffs.route().onFailure(e -> LOG.warn("handoff routing failed: {}", e.toString()));
            rules.reload().onFailure(e -> LOG.warn("reading the handoff rules failed: {}", e.toString()));
            if (signals.clustered()) {
              handoffs.sweepPresence().onFailure(e -> LOG.warn("checking agents' consoles failed: {}", e.toString()));
              experiments.refresh().onFailure(e -> LOG.warn("re-reading the experiments failed: {}", e.toString()));
            }
          });
          // The dashboard's daily rollups: filled now (off the start's path) and kept fresh on a timer.
          analyticsRollups = new AnalyticsRollups(pool);
          analyticsRollups.refresh();
          analyticsTimer = vertx.setPeriodic(AnalyticsRollups.REFRESH_EVERY_MILLIS, id -> analyticsRollups.refresh());
          staffAuth = new StaffAuth(vertx, staff, hasher.result(), config.admin());
          return ApiRouter.create(vertx,
            new ChatWebSocketHandler(chat, identity, new ShopperRepository(pool), config, events, eventParser,
              handoffs, metrics),
            catalog, new NluParseHandler(nluServed, config.maxTextLength()), demoSignIn.result(), staffAuth,
            new EventsApi(events, eventParser, config.events()), Map.ofEntries(
              Map.entry("/api/admin/kb", new KnowledgeAdminApi(new KnowledgeEditRepository(pool), rebuilt.result(),
                config.maxTextLength())::route),
              Map.entry("/api/admin/shoppers", new ShopperProfileApi(profiles)::route),
              Map.entry("/api/admin/experiments", new ExperimentAdminApi(experiments)::route),
              Map.entry("/api/admin/recommendations", training::route),
              Map.entry("/api/admin/staff", new TeamAdminApi(staff, accounts.result(), handoffs)::route),
              Map.entry("/api/admin/handoff-rules", new HandoffRulesApi(rules,
                () -> serving == null ? List.of() : serving.labels())::route),
              Map.entry("/api/admin/learning", new LearningAdminApi(learning, retraining,
                () -> serving == null ? List.of() : serving.labels(), new KnowledgeEditRepository(pool))::route),
              Map.entry("/api/admin/canned", new CannedAdminApi(canned)::route),
              Map.entry("/api/admin/logging", LogLevelsApi.create()::route),
              Map.entry("/api/admin/analytics", new AnalyticsAdminApi(new AnalyticsService(pool, experiments, analyticsRollups),
                analyticsRollups, new ConversationReview(pool), Clock.systemUTC())::route),
              Map.entry("/api/admin/promotions", new PromotionAdminApi(promotions)::route)),
            new ApiRouter.AgentRoutes(new AgentApi(handoffs, conversations, chat, profiles, rebuilt.result(), canned,
              config.maxTextLength()), AgentSocket.handler(vertx, handoffs, metrics,
                KeepAlive.intervalFor(config.httpIdleTimeoutSeconds()))),
            new ApiRouter.OpsRoutes(health, registry == null ? null : Prometheus.scrape(registry)));
        });
      })
      .compose(router -> {
        this.router = router;
        return vertx.createHttpServer(serverOptions()).requestHandler(router).listen();
      })
      // A failed deployment is never stopped by Vert.x: release the pool, indexes and model here (the configured
      // model too, once read, when it is not the one that was to serve).
      .recover(failure -> {
        preloaded.onSuccess(m -> {
          if (m != servedModel && !preloadedReleased) {
            m.model().close();
          }
        });
        return stop().transform(v -> Future.<HttpServer>failedFuture(failure));
      })
      .onSuccess(s -> {
        server = s;
        LOG.info("listening on port {}", s.actualPort());
        // Off the start's path: the sign-in's decoy hash (a few hundred ms of CPU) while nobody signs in yet.
        vertx.executeBlocking(() -> {
          passwordHasher.prepare();
          return null;
        }, false);
      });
  }

  /**
   * The knowledge base, rebuilt from PostgreSQL on a worker: hybrid (BM25 + the transformer's sentence vectors)
   * when the transformer NLU is loaded, BM25 only with the baseline. With the transformer a chat message's search
   * reuses the vector of the NLU's pass over it, so it costs no second forward pass.
   */
  private Future<KnowledgeService> knowledgeService(LoadedModel model) {
    if (model != null) {
      embedder = SentenceEmbedder.create(model.model());
      index = KnowledgeIndex.inMemory(embedder);
    } else {
      index = KnowledgeIndex.inMemory();
    }
    // The NLU's pass over each message yields its sentence vector by the same model: searches reuse it.
    knowledge = new KnowledgeService(vertx, index, new KnowledgeRepository(pool),
      model == null ? null : model.version(), metrics::refreshed);
    // With other nodes: their changes are followed, this node's signalled, and the rebuild is the catch-up.
    return KnowledgeSync.start(signals, knowledge, new KnowledgeEditRepository(pool), sync -> knowledgeSync = sync)
      .map(count -> {
        knowledgeReconcileTimer = knowledgeSync.schedule(vertx, signals);
        LOG.info("knowledge index holds {} published entries ({})", count,
          embedder == null ? "BM25" : "hybrid: BM25 + sentence vectors");
        return knowledge;
      });
  }

  /** The shop's API client: at {@code SHOP_API_URL}, else at the demo shop backend started here on 127.0.0.1. */
  private Future<Void> startShopBackend() {
    Future<String> baseUrl = !config.shopApiUrl().isBlank() ? Future.succeededFuture(config.shopApiUrl())
      : DemoShopBackend.start(vertx, config.pg().connectOptions(), "127.0.0.1", config.demoShopPort(),
        config.shopApiKey()).map(demo -> {
        demoShopBackend = demo;
        return demo.baseUrl();
      });
    return baseUrl.map(url -> {
      shopBackend = HttpShopBackend.create(vertx,
        HttpShopBackend.Options.of(url, config.shopApiKey(), config.shopApiTimeoutMillis())
          .withProductCache(TimeUnit.SECONDS.toMillis(config.shopProductCacheSeconds())));
      LOG.info("shop backend at {}{}", url, demoShopBackend == null ? "" : " (the demo shop's)");
      return null;
    });
  }

  /** Entity extraction over the products in PostgreSQL; the catalog's Lucene index is built on a worker. */
  private Future<EntityExtractor> entityExtractor(CatalogRepository catalog) {
    return catalog.products()
      .compose(products -> vertx.executeBlocking(() -> {
        catalogIndex = CatalogEntityIndex.build(products.stream()
          .map(p -> CatalogItem.fromJson((JsonObject) p)).toList());
        return EntityExtractor.create(catalogIndex);
      }, false))
      .onSuccess(extractor -> LOG.info("entity extraction: catalog index of {} names", catalogIndex.size()));
  }

  /** Whether the NLU is the rule-based baseline: asked for, or this build carries no shipped model. */
  private boolean baselineNlu() {
    String setting = config.nluModelDir();
    return setting.isBlank() || setting.equals(IntentParser.BASELINE_VERSION)
      || (setting.equals(ShippedModel.NAME) && !ShippedModel.available());
  }

  /** The model in {@code NLU_MODEL_DIR} (or the shipped one), read on a worker; {@code null} with the baseline. */
  private Future<LoadedModel> preloadModel() {
    if (baselineNlu()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> LoadedModel.load(ShippedModel.resolve(config.nluModelDir())), false);
  }

  /**
   * The model to serve: one an admin promoted, which serves after a restart too while its files are there, else the
   * configured one read since the start ({@code null} with the baseline).
   */
  private Future<LoadedModel> servedModel() {
    String setting = config.nluModelDir();
    if (baselineNlu()) {
      LOG.info("NLU: rule-based baseline (NLU_MODEL_DIR={})", setting);
      return Future.succeededFuture();
    }
    return learning.serving().recover(e -> {
      LOG.warn("reading the promoted NLU model failed, serving NLU_MODEL_DIR: {}", e.toString());
      return Future.succeededFuture();
    }).compose(promoted -> vertx.executeBlocking(() -> {
      Path promotedDir = promoted == null ? null : ShippedModel.resolve(promoted.dir());
      return promotedDir != null && java.nio.file.Files.isDirectory(promotedDir) ? promotedDir : null;
    }, false).compose(promotedDir -> {
      servingName = promotedDir != null ? promoted.dir() : setting;
      if (promotedDir == null) {
        return preloaded;
      }
      return preloaded.transform(configured -> {
        if (configured.succeeded() && configured.result().dir().equals(promotedDir)) {
          return Future.succeededFuture(configured.result());
        }
        if (configured.succeeded()) {
          preloadedReleased = true;
          configured.result().model().close();
        }
        return vertx.executeBlocking(() -> LoadedModel.load(promotedDir), false);
      });
    })).onSuccess(model -> {
      servedModel = model;
      servingDir = model.dir();
    });
  }

  /** The NLU: the transformer serving {@code model} with the catalog's entities, or the baseline ({@code null}). */
  private Future<IntentParser> intentParser(EntityExtractor entities, LoadedModel model) {
    extractor = entities;
    if (model == null) {
      nluLoaded = true;
      return Future.succeededFuture(IntentParser.baseline(vertx, new BaselineIntentRecognizer(), entities));
    }
    return vertx.executeBlocking(() -> TransformerIntentRecognizer.serve(vertx, model,
        TransformerIntentRecognizer.options(config.nluMaxBatch(), config.nluMaxWaitMillis(), config.nluWorkers()),
        entities, metrics), false)
      .map(loaded -> {
        transformer = loaded;
        LOG.info("NLU: transformer model {} ({}{}) on {}, {} intents, {} workers", loaded.modelVersion(), servingName,
          loaded.model().member() == null ? "" : ", with its n-gram member", loaded.device(), loaded.labels().size(),
          config.nluWorkers());
        List<String> intents = new ArrayList<>(loaded.labels());
        intents.add(Understanding.OOS);
        metrics.intentLabels(intents);
        nluLoaded = true;
        return loaded;
      });
  }

  /**
   * The learning loop around the transformer: the chat is served through a {@link ServingModel} that promotions
   * swap, and retrains run in the background. With the baseline the inbox still fills; nothing retrains.
   */
  private IntentParser learningLoop(IntentParser loaded) {
    if (transformer == null) {
      return loaded;
    }
    serving = new ServingModel(vertx, transformer, servingDir, true);
    retraining = new Retraining(vertx, learning, serving, config.learning(),
      TransformerIntentRecognizer.options(config.nluMaxBatch(), config.nluMaxWaitMillis(), config.nluWorkers()),
      extractor, metrics);
    retraining.adopt(servingName).onFailure(e -> LOG.warn("recording the serving NLU model failed: {}", e.toString()));
    // A promotion or rollback here is announced to the other nodes, which load the same version (docs/deploy.md).
    retraining.onPromoted(version -> signals.signal(ClusterSignals.NLU_MODEL, new JsonObject().put("version", version)));
    signals.subscribe(ClusterSignals.NLU_MODEL, changed -> retraining.follow(changed.getString("version")))
      .onFailure(e -> LOG.warn("following NLU model promotions of other nodes failed: {}", e.toString()));
    nluRetrainTimer = retraining.schedule();
    return serving;
  }

  private HttpServerOptions serverOptions() {
    // Frames up to 4x the protocol limit still reach the handler, which answers frame_too_large;
    // beyond that the websocket layer closes the connection (1009) without buffering it.
    int hardCap = config.maxFrameBytes() * 4;
    return new HttpServerOptions()
      .setHost(config.httpHost())
      .setPort(config.httpPort())
      .setMaxWebSocketFrameSize(hardCap)
      .setMaxWebSocketMessageSize(hardCap)
      // Without it a client that opens a connection and stalls (a request line or a websocket frame sent in
      // part, then nothing) holds its socket and buffers for ever; enough of them exhaust file descriptors.
      // Only reads count: the server pings chat and agent sockets (KeepAlive) and a live client's pong is a
      // read, while a stalled one, pinged or not, sends nothing and is dropped.
      .setReadIdleTimeout(config.httpIdleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setCompressionSupported(true);
  }

  /** The shop's orders, returns, refunds, catalog and policies, for the dialogue's flows. */
  public ShopBackend shopBackend() {
    return shopBackend;
  }

  /** The published knowledge base as the dialogue searches it, and what tests search to see an admin's change. */
  public KnowledgeService knowledge() {
    return knowledge;
  }

  /** Recommendation experiments: the variant a visitor gets, and where impressions are recorded. */
  public ExperimentService experiments() {
    return experiments;
  }

  /** The cart's worth at the shop's current prices (products it no longer knows count nothing). */
  private Future<Long> cartCents(List<String> skus) {
    return Future.all(skus.stream().map(sku -> shopBackend.product(sku)).toList()).map(all -> {
      long cents = 0;
      for (int i = 0; i < all.size(); i++) {
        Product p = all.resultAt(i);
        cents += p == null ? 0 : p.priceCents();
      }
      return cents;
    });
  }

  /** Retrains the recommender now (tests wait on it instead of the schedule). */
  public RecommenderTraining recommenderTraining() {
    return training;
  }

  /** Human handoff: queue, routing, presence. */
  public HandoffService handoffs() {
    return handoffs;
  }

  /** The cluster's change signals (inert on a single node): where other parts announce and follow changes. */
  public ClusterSignals signals() {
    return signals;
  }

  /** The intent model serving the chat ({@code null} with the baseline NLU): tests swap and compare through it. */
  public ServingModel servingModel() {
    return serving;
  }

  /** NLU retrains, promotions and rollbacks ({@code null} with the baseline NLU). */
  public Retraining nluRetraining() {
    return retraining;
  }

  /** Liveness and readiness; {@link Health#drain()} takes this node out of a load balancer's rotation. */
  public Health health() {
    return health;
  }

  /** The platform's own meters ({@link Metrics#NONE} when metrics are off). */
  public Metrics metrics() {
    return metrics;
  }

  /** How this node's knowledge index follows the others' changes; tests reconcile through it. */
  public KnowledgeSync knowledgeSync() {
    return knowledgeSync;
  }

  /** The analytics dashboard's daily rollups, so tests can refresh them after writing rows. */
  public AnalyticsRollups analyticsRollups() {
    return analyticsRollups;
  }

  /** The HTTP router as built, so tests can list every route (and none is forgotten). */
  public Router router() {
    return router;
  }

  /** The port the server listens on (the chosen one when configured with 0). */
  public int port() {
    return server.actualPort();
  }

  /**
   * A graceful stop, in order: (1) the HTTP server unbinds (no new connections) and shuts its connections down:
   * every chat socket is told to reconnect and closes (1012) once the messages it is storing are stored, agent
   * consoles likewise, HTTP requests in flight finish; (2) bot turns in flight finish, so a stored message gets
   * its stored reply; (3) then timers, clients, the pool, the indexes and the model are released. Steps 1 and 2
   * share one bound, {@code SHUTDOWN_GRACE_SECONDS}; what is still open then is closed. Vert.x calls this on
   * undeploy and on {@code vertx.close()} (the SIGTERM hook in {@link Main}); it also cleans up a failed start.
   */
  @Override
  public Future<?> stop() {
    nluLoaded = false;
    // Readiness goes DOWN first, so a load balancer stops sending new traffic while the connections drain.
    if (health != null) {
      health.drain();
    }
    long graceMillis = TimeUnit.SECONDS.toMillis(config.shutdownGraceSeconds());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    Future<Void> connections = server == null ? Future.succeededFuture()
      : server.shutdown(graceMillis, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("shutting the HTTP server down: {}", e.toString()))
        .otherwiseEmpty();
    return connections
      .compose(v -> chat == null ? Future.succeededFuture(true)
        : chat.idle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))
      .compose(idle -> {
        if (!idle) {
          LOG.warn("SHUTDOWN_GRACE_SECONDS ({}) ran out with bot turns unfinished in {} conversations; their "
            + "shoppers' messages are stored", config.shutdownGraceSeconds(), chat.busyConversations());
        }
        return release();
      });
  }

  /** Releases everything the start built, once the drain is over (at once when the start failed before listening). */
  private Future<?> release() {
    if (shopBackend != null) {
      shopBackend.close();
    }
    if (staffAuth != null) {
      staffAuth.close();
    }
    if (analyticsTimer >= 0) {
      vertx.cancelTimer(analyticsTimer);
    }
    if (knowledgeReconcileTimer >= 0) {
      vertx.cancelTimer(knowledgeReconcileTimer);
    }
    if (routingTimer >= 0) {
      vertx.cancelTimer(routingTimer);
    }
    if (retrainTimer >= 0) {
      vertx.cancelTimer(retrainTimer);
    }
    if (nluRetrainTimer >= 0) {
      vertx.cancelTimer(nluRetrainTimer);
    }
    if (retraining != null) {
      retraining.close();
    }
    if (recommender != null) {
      recommender.close();
    }
    return (demoShopBackend == null ? Future.<Void>succeededFuture() : demoShopBackend.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .compose(v -> vertx.executeBlocking(() -> {
        // The index first: a late rebuild may still be embedding with the model's predictors.
        if (index != null) {
          index.close();
        }
        if (embedder != null) {
          embedder.close();
        }
        if (serving != null) {
          serving.close();
        }
        if (transformer != null) {
          transformer.close();
        } else if (servedModel != null) {
          servedModel.model().close();
        }
        if (catalogIndex != null) {
          catalogIndex.close();
        }
        return null;
      }));
  }
}
