package com.shopchat.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one typed configuration. Each setting has a key in the optional JSON config file and an
 * environment variable that overrides it; {@link #KEYS} documents them all.
 */
public record AppConfig(
  String httpHost,
  int httpPort,
  PgSettings pg,
  List<String> allowedOrigins,
  int maxTextLength,
  int maxFrameBytes,
  int rateLimitMessages,
  int rateLimitWindowSeconds,
  int httpIdleTimeoutSeconds,
  boolean demoData,
  boolean embeddedPostgres,
  String dataDir,
  String nluModelDir,
  int nluMaxBatch,
  int nluMaxWaitMillis,
  int nluWorkers,
  String shopApiUrl,
  String shopApiKey,
  int shopApiTimeoutMillis,
  int shopProductCacheSeconds,
  int demoShopPort,
  String shopIdentitySecret,
  int identityMaxTtlSeconds,
  AdminSettings admin,
  EventSettings events,
  RecommendSettings recommend,
  OpsSettings ops,
  LogSettings logs,
  int shutdownGraceSeconds,
  ClusterSettings cluster,
  LearningSettings learning) {

  /** The key the built-in demo shop backend and its client share; never good enough for a real shop. */
  public static final String DEMO_SHOP_API_KEY = "demo-shop-key";

  /**
   * The secret the demo shop signs its shoppers' identities with. It is public (it is in this file), so it is
   * used only with the demo data, and refused as a configured secret without it.
   */
  public static final String DEMO_IDENTITY_SECRET = "maple-and-thread-demo-identity-secret-not-for-real-shops";
  /** Shortest secret accepted: HMAC-SHA256 wants a key of at least its 32-byte output. */
  public static final int MIN_SECRET_LENGTH = 32;

  /** Every setting: file key, environment variable, default, meaning. The README's table mirrors it. */
  public static final List<Key> KEYS = List.of(
    new Key("httpHost", "HTTP_HOST", "0.0.0.0", "interface the HTTP server binds"),
    new Key("httpPort", "HTTP_PORT", "8080", "HTTP port; 0 picks a free one (logged as `listening on port N`)"),
    new Key("pgHost", "PGHOST", "localhost", "PostgreSQL host"),
    new Key("pgPort", "PGPORT", "5432", "PostgreSQL port"),
    new Key("pgUser", "PGUSER", "OS user, else postgres", "PostgreSQL user"),
    new Key("pgPassword", "PGPASSWORD", "(none)", "PostgreSQL password"),
    new Key("pgDatabase", "PGDATABASE", "chatbot", "database; created on first start if missing"),
    new Key("allowedOrigins", "ALLOWED_ORIGINS", "(own origin only)",
      "comma-separated origins allowed to open the chat websocket, or *"),
    new Key("maxTextLength", "MAX_TEXT_LENGTH", "2000", "longest shopper message, in characters"),
    new Key("maxFrameBytes", "MAX_FRAME_BYTES", "16384", "largest websocket frame answered with an error; 4x closes"),
    new Key("rateLimitMessages", "RATE_LIMIT_MESSAGES", "20", "frames allowed per socket per window"),
    new Key("rateLimitWindowSeconds", "RATE_LIMIT_WINDOW_SECONDS", "10", "the rate-limit window"),
    new Key("chatMaxSocketsPerIp", "CHAT_MAX_SOCKETS_PER_IP", "100",
      "chat websockets one client address may hold open at once; more are refused with 429 too_many_connections; "
        + "0: no limit"),
    new Key("chatConnectsPerIp", "CHAT_CONNECTS_PER_IP", "300",
      "chat websockets one client address may open per CHAT_CONNECTS_WINDOW_SECONDS; then 429 too_many_connections "
        + "with Retry-After; 0: no limit"),
    new Key("chatConnectsWindowSeconds", "CHAT_CONNECTS_WINDOW_SECONDS", "60", "the window of CHAT_CONNECTS_PER_IP"),
    new Key("httpIdleTimeoutSeconds", "HTTP_IDLE_TIMEOUT_SECONDS", "60",
      "a connection the client sends nothing on for this long is closed (a stalled request); websockets are pinged"),
    new Key("demoData", "DEMO_DATA", "true", "load the demo shop (catalog, orders, knowledge) into an empty database"),
    new Key("embeddedPostgres", "EMBEDDED_PG", "true",
      "start an embedded PostgreSQL when none is reachable (not as root)"),
    new Key("dataDir", "DATA_DIR", "./data", "where the embedded PostgreSQL keeps its files"),
    new Key("nluModelDir", "NLU_MODEL_DIR", "shipped",
      "the intent model: shipped (the e-commerce model in the jar), baseline (rules), or a directory from nlu train"),
    new Key("nluMaxBatch", "NLU_MAX_BATCH", "64", "most utterances in one NLU forward pass"),
    new Key("nluMaxWaitMillis", "NLU_MAX_WAIT_MS", "2", "longest an utterance waits for others to batch with"),
    new Key("nluWorkers", "NLU_WORKERS", "2", "NLU inference threads, each with its own predictor of the model"),
    new Key("shopApiUrl", "SHOP_API_URL", "(blank: the built-in demo shop)",
      "root URL of the shop's API (docs/shop-api.md); blank starts the demo shop backend on 127.0.0.1"),
    new Key("shopApiKey", "SHOP_API_KEY", DEMO_SHOP_API_KEY,
      "sent as X-Shop-Api-Key; must be set when SHOP_API_URL is"),
    new Key("shopApiTimeoutMillis", "SHOP_API_TIMEOUT_MS", "2000", "longest wait for one answer from the shop's API"),
    new Key("shopProductCacheSeconds", "SHOP_PRODUCT_CACHE_SECONDS", "30",
      "how long a product looked up in the shop's API (price, stock) is reused for cards and suggestions; 0: never"),
    new Key("demoShopPort", "DEMO_SHOP_PORT", "0", "port of the built-in demo shop backend; 0 picks a free one"),
    new Key("shopIdentitySecret", "SHOP_IDENTITY_SECRET", "(demo secret with DEMO_DATA, else none)",
      "shared secret (32+ characters) the shop signs shopper identities with; none: identity tokens are refused"),
    new Key("identityMaxTtlSeconds", "IDENTITY_MAX_TTL_SECONDS", "86400",
      "longest an identity token may still be valid for; tokens expiring later are refused"),
    new Key("adminSessionTimeoutMinutes", "ADMIN_SESSION_TIMEOUT_MINUTES", "30",
      "an admin session ends after this many idle minutes"),
    new Key("adminCookieSecure", "ADMIN_COOKIE_SECURE", "false",
      "send the admin session cookie over HTTPS only (set true behind TLS)"),
    new Key("adminLoginMaxAttempts", "ADMIN_LOGIN_MAX_ATTEMPTS", "5",
      "failed logins allowed per email and client address in 15 minutes; then 429 until the window passes"),
    new Key("adminEmail", "ADMIN_EMAIL", "(none)",
      "with ADMIN_PASSWORD: the admin created on a start that finds no admin"),
    new Key("adminPassword", "ADMIN_PASSWORD", "(none)",
      "the first admin's password (12+ characters); only read when no admin exists"),
    new Key("eventsApiKey", "EVENTS_API_KEY", "(demo key `" + EventSettings.DEMO_EVENTS_API_KEY
      + "` with DEMO_DATA, else none)",
      "X-Api-Key the shop's site sends to POST /api/events (16+ characters); none: that endpoint answers 503"),
    new Key("eventsRatePerSecond", "EVENTS_RATE_PER_SECOND", "20",
      "event batches the events key may post per second; then 429"),
    new Key("profileHalfLifeDays", "PROFILE_HALF_LIFE_DAYS", "14",
      "after this many days a behaviour event counts half in a shopper profile's affinities"),
    new Key("recommendRetrainMinutes", "RECOMMEND_RETRAIN_MINUTES", "60",
      "minutes between scheduled retrains of the recommender (admins can retrain on demand)"),
    new Key("recommendHistoryDays", "RECOMMEND_HISTORY_DAYS", "180", "behaviour events older than this are not trained on"),
    new Key("recommendMaxTrainingEvents", "RECOMMEND_MAX_TRAINING_EVENTS", "1000000",
      "the most (newest) behaviour events one training reads"),
    new Key("recommendMinTurnsBetweenOffers", "RECOMMEND_MIN_TURNS_BETWEEN_OFFERS", "5",
      "shopper turns between two product suggestions the bot makes unasked"),
    new Key("recommendMaxOffersPerConversation", "RECOMMEND_MAX_OFFERS_PER_CONVERSATION", "2",
      "unasked product suggestions per conversation at most; 0 never suggests unasked"),
    new Key("metricsEnabled", "METRICS_ENABLED", "true",
      "serve Prometheus metrics at GET /metrics (Vert.x's HTTP, websocket, pool and event-bus meters and the bot's)"),
    new Key("pgReadTimeoutSeconds", "PG_READ_TIMEOUT_SECONDS", "60", "a PostgreSQL connection that receives "
      + "nothing for this long is closed: a query waiting on a server that stopped answering fails (shoppers are told "
      + "the chat cannot reach its storage, bot turns retry) instead of hanging; idle ones reopen when needed; 0: never"),
    new Key("pgPoolSize", "PG_POOL_SIZE", "8", "PostgreSQL connections the chat's pool may hold (each node; the "
      + "demo shop's backend has its own 4): every bot turn takes a connection a few times, and under load "
      + "turns wait for one when all are busy; mind PostgreSQL's max_connections across nodes"),
    new Key("healthDatabaseTimeoutMillis", "HEALTH_DB_TIMEOUT_MS", "1000",
      "readiness (GET /health/ready) is DOWN when PostgreSQL has not answered SELECT 1 within this"),
    new Key("logLevel", "LOG_LEVEL", "INFO",
      "root log level at start: TRACE, DEBUG, INFO, WARN, ERROR or OFF (admins change levels at run time)"),
    new Key("logFormat", "LOG_FORMAT", "json",
      "log lines: json (one object per line, for log collectors) or text (for people; bin/run-demo sets it)"),
    new Key("shutdownGraceSeconds", "SHUTDOWN_GRACE_SECONDS", "10",
      "on SIGTERM (or undeploy): longest wait for open chats to be told to reconnect and for messages and bot turns "
        + "in flight to finish before the pool closes; a stop takes at most this plus a few seconds"),
    new Key("clusterEnabled", "CLUSTER_ENABLED", "false",
      "run as one node of several (Hazelcast): shared event bus, staff sessions, login throttle and change signals "
        + "(docs/deploy.md, \"Several nodes\"); false: a single node"),
    new Key("clusterName", "CLUSTER_NAME", "shopchat", "the cluster's name; only nodes of the same name join"),
    new Key("clusterHost", "CLUSTER_HOST", "127.0.0.1",
      "the address this node binds for the cluster and the other nodes reach it at (not 0.0.0.0)"),
    new Key("clusterPort", "CLUSTER_PORT", "5701", "Hazelcast's port on CLUSTER_HOST"),
    new Key("clusterBusPort", "CLUSTER_BUS_PORT", "0",
      "the clustered event bus's port on CLUSTER_HOST; 0 picks a free one (the others learn it through Hazelcast)"),
    new Key("clusterMembers", "CLUSTER_MEMBERS", "(none)",
      "comma-separated host:port of the nodes' Hazelcast ports (TCP/IP join, no multicast); needed with "
        + "CLUSTER_ENABLED"),
    new Key("nluModelsDir", "NLU_MODELS_DIR", "./data/nlu-models",
      "where retrained intent models are kept, one directory per version; the promoted one serves after a restart"),
    new Key("nluRetrainEpochs", "NLU_RETRAIN_EPOCHS", "3",
      "epochs a retrain fine-tunes the serving model for on reviewed examples and a sample of its corpus"),
    new Key("nluRetrainSample", "NLU_RETRAIN_SAMPLE", "2000",
      "most examples of the serving model's own corpus mixed in with the reviewed ones in a retrain"),
    new Key("nluRetrainMinutes", "NLU_RETRAIN_MINUTES", "0",
      "minutes between scheduled NLU retrains (run only when new examples were reviewed); 0: on demand only"),
    new Key("nluAutoPromote", "NLU_AUTO_PROMOTE", "false",
      "promote a retrained model by itself when it is not worse than the serving one on any tracked metric"));

  /** One documented setting. */
  public record Key(String fileKey, String env, String defaultValue, String meaning) {}

  /** Reads {@code CONFIG_FILE} (or ./config.json when present), then lets the environment override it. */
  public static AppConfig load(Map<String, String> env) {
    JsonObject file = new JsonObject();
    String configFile = env.get("CONFIG_FILE");
    Path path = Path.of(configFile != null ? configFile : "config.json");
    if (Files.isRegularFile(path)) {
      try {
        file = new JsonObject(Files.readString(path));
      } catch (Exception e) {
        throw new ConfigException("CONFIG_FILE", "cannot read " + path + " as a JSON object: " + e.getMessage());
      }
    } else if (configFile != null) {
      throw new ConfigException("CONFIG_FILE", path + " does not exist");
    }
    return from(file, env);
  }

  /**
   * Builds the config from a JSON object (file keys) overridden by environment variables. A value that cannot be
   * used, or a file key that is not a setting (a typo would otherwise be ignored), is a {@link ConfigException}
   * naming the variable and the value.
   */
  public static AppConfig from(JsonObject file, Map<String, String> env) {
    Source src = new Source(file, env, new LinkedHashMap<>());
    AppConfig config = from(src);
    for (String key : file.fieldNames()) {
      if (!src.read().containsKey(key)) {
        throw new ConfigException("CONFIG_FILE", "unknown key '" + key + "'; the settings are listed in "
          + "docs/configuration.md");
      }
    }
    return config;
  }

  /** Every setting {@link #from} reads, as file key → environment variable, in reading order (tests check KEYS). */
  static Map<String, String> settingsRead() {
    Map<String, String> vars = new LinkedHashMap<>();
    readWithDefaults().forEach((key, read) -> vars.put(key, read.env()));
    return vars;
  }

  /**
   * What {@link #from} accepts for each setting it checks by kind, by file key: a range of whole numbers
   * ({@code 1–600}) or {@code true/false}; settings of free text are absent. Read off the checks themselves, so the
   * generated reference states the limits the code enforces.
   */
  public static Map<String, String> accepted() {
    Map<String, String> accepted = new LinkedHashMap<>();
    readWithDefaults().forEach((key, read) -> {
      if (read.accepted() != null) {
        accepted.put(key, read.accepted());
      }
    });
    return accepted;
  }

  private static Map<String, Read> readWithDefaults() {
    Source src = new Source(new JsonObject(), Map.of(), new LinkedHashMap<>());
    from(src);
    return src.read();
  }

  /** A setting as {@link Source} was asked for it: its variable and, when checked by kind, what it accepts. */
  private record Read(String env, String accepted) {}

  private static AppConfig from(Source src) {
    String osUser = System.getProperty("user.name", "postgres");
    PgSettings pg = new PgSettings(
      src.word("pgHost", "PGHOST", "localhost"),
      src.integer("pgPort", "PGPORT", 5432, 1, 65535),
      src.string("pgUser", "PGUSER", osUser == null || osUser.isBlank() ? "postgres" : osUser),
      src.string("pgPassword", "PGPASSWORD", null),
      src.string("pgDatabase", "PGDATABASE", "chatbot"));
    String shopApiUrl = shopApiUrl(src.string("shopApiUrl", "SHOP_API_URL", "").trim());
    boolean demoData = src.bool("demoData", "DEMO_DATA", true);
    return new AppConfig(
      src.word("httpHost", "HTTP_HOST", "0.0.0.0"),
      src.integer("httpPort", "HTTP_PORT", 8080, 0, 65535),
      pg,
      allowedOrigins(src.list("allowedOrigins", "ALLOWED_ORIGINS")),
      src.integer("maxTextLength", "MAX_TEXT_LENGTH", 2000, 1, 100_000),
      src.integer("maxFrameBytes", "MAX_FRAME_BYTES", 16_384, 256, 1 << 20),
      src.integer("rateLimitMessages", "RATE_LIMIT_MESSAGES", 20, 1, 100_000),
      src.integer("rateLimitWindowSeconds", "RATE_LIMIT_WINDOW_SECONDS", 10, 1, 3600),
      src.integer("httpIdleTimeoutSeconds", "HTTP_IDLE_TIMEOUT_SECONDS", 60, 2, 3600),
      demoData,
      src.bool("embeddedPostgres", "EMBEDDED_PG", true),
      src.string("dataDir", "DATA_DIR", "./data"),
      nluModelDir(src.string("nluModelDir", "NLU_MODEL_DIR", "shipped").trim()),
      src.integer("nluMaxBatch", "NLU_MAX_BATCH", 64, 1, 1024),
      src.integer("nluMaxWaitMillis", "NLU_MAX_WAIT_MS", 2, 0, 1000),
      src.integer("nluWorkers", "NLU_WORKERS", 2, 1, 64),
      shopApiUrl,
      shopApiKey(shopApiUrl, src.string("shopApiKey", "SHOP_API_KEY", DEMO_SHOP_API_KEY)),
      src.integer("shopApiTimeoutMillis", "SHOP_API_TIMEOUT_MS", 2000, 50, 60_000),
      src.integer("shopProductCacheSeconds", "SHOP_PRODUCT_CACHE_SECONDS", 30, 0, 3600),
      src.integer("demoShopPort", "DEMO_SHOP_PORT", 0, 0, 65535),
      identitySecret(src, demoData),
      src.integer("identityMaxTtlSeconds", "IDENTITY_MAX_TTL_SECONDS", 86_400, 60, 30 * 86_400),
      new AdminSettings(
        src.integer("adminSessionTimeoutMinutes", "ADMIN_SESSION_TIMEOUT_MINUTES", 30, 1, 24 * 60),
        src.bool("adminCookieSecure", "ADMIN_COOKIE_SECURE", false),
        src.integer("adminLoginMaxAttempts", "ADMIN_LOGIN_MAX_ATTEMPTS", 5, 1, 1000),
        src.string("adminEmail", "ADMIN_EMAIL", "").trim(),
        src.string("adminPassword", "ADMIN_PASSWORD", "")),
      new EventSettings(eventsApiKey(src, demoData),
        src.integer("eventsRatePerSecond", "EVENTS_RATE_PER_SECOND", 20, 1, 100_000),
        src.integer("profileHalfLifeDays", "PROFILE_HALF_LIFE_DAYS", 14, 1, 3650)),
      new RecommendSettings(
        src.integer("recommendRetrainMinutes", "RECOMMEND_RETRAIN_MINUTES", 60, 1, 7 * 24 * 60),
        src.integer("recommendHistoryDays", "RECOMMEND_HISTORY_DAYS", 180, 1, 3650),
        src.integer("recommendMaxTrainingEvents", "RECOMMEND_MAX_TRAINING_EVENTS", 1_000_000, 1000, 20_000_000),
        src.integer("recommendMinTurnsBetweenOffers", "RECOMMEND_MIN_TURNS_BETWEEN_OFFERS", 5, 1, 1000),
        src.integer("recommendMaxOffersPerConversation", "RECOMMEND_MAX_OFFERS_PER_CONVERSATION", 2, 0, 100)),
      new OpsSettings(src.bool("metricsEnabled", "METRICS_ENABLED", true),
        src.integer("healthDatabaseTimeoutMillis", "HEALTH_DB_TIMEOUT_MS", 1000, 50, 60_000),
        src.integer("chatMaxSocketsPerIp", "CHAT_MAX_SOCKETS_PER_IP", 100, 0, 1_000_000),
        src.integer("chatConnectsPerIp", "CHAT_CONNECTS_PER_IP", 300, 0, 1_000_000),
        src.integer("chatConnectsWindowSeconds", "CHAT_CONNECTS_WINDOW_SECONDS", 60, 1, 3600),
        src.integer("pgReadTimeoutSeconds", "PG_READ_TIMEOUT_SECONDS", 60, 0, 86_400),
        src.integer("pgPoolSize", "PG_POOL_SIZE", OpsSettings.DEFAULT_PG_POOL_SIZE, 1, 1000)),
      LogSettings.of(src.string("logLevel", "LOG_LEVEL", "INFO"),
        src.string("logFormat", "LOG_FORMAT", LogSettings.JSON)),
      src.integer("shutdownGraceSeconds", "SHUTDOWN_GRACE_SECONDS", 10, 1, 600),
      cluster(src),
      new LearningSettings(src.string("nluModelsDir", "NLU_MODELS_DIR", "./data/nlu-models").trim(),
        src.integer("nluRetrainEpochs", "NLU_RETRAIN_EPOCHS", 3, 1, 100),
        src.integer("nluRetrainSample", "NLU_RETRAIN_SAMPLE", 2000, 0, 1_000_000),
        src.integer("nluRetrainMinutes", "NLU_RETRAIN_MINUTES", 0, 0, 7 * 24 * 60),
        src.bool("nluAutoPromote", "NLU_AUTO_PROMOTE", false)));
  }

  /** Read whether on or off (so the reference lists every key); members are needed, and well formed, when on. */
  private static ClusterSettings cluster(Source src) {
    boolean enabled = src.bool("clusterEnabled", "CLUSTER_ENABLED", false);
    String name = src.word("clusterName", "CLUSTER_NAME", "shopchat");
    String host = src.word("clusterHost", "CLUSTER_HOST", "127.0.0.1");
    int port = src.integer("clusterPort", "CLUSTER_PORT", 5701, 1, 65535);
    int busPort = src.integer("clusterBusPort", "CLUSTER_BUS_PORT", 0, 0, 65535);
    List<String> members = src.list("clusterMembers", "CLUSTER_MEMBERS");
    if (host.equals("0.0.0.0") || host.equals("::")) {
      throw new ConfigException("CLUSTER_HOST", "must be an address the other nodes can reach, not " + host);
    }
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      boolean valid = colon > 0 && colon < member.length() - 1
        && member.chars().noneMatch(Character::isWhitespace);
      if (valid) {
        try {
          int p = Integer.parseInt(member.substring(colon + 1));
          valid = p >= 1 && p <= 65535;
        } catch (NumberFormatException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw new ConfigException("CLUSTER_MEMBERS", "expected host:port entries such as 10.0.0.5:5701, got '"
          + member + "'");
      }
    }
    if (enabled && members.isEmpty()) {
      throw new ConfigException("CLUSTER_MEMBERS", "list the nodes' host:port (this one may be among them) when "
        + "CLUSTER_ENABLED is true; multicast discovery is not used");
    }
    return new ClusterSettings(enabled, name, host, port, busPort, members);
  }

  /**
   * Each origin exactly as a browser sends it, {@code scheme://host[:port]}, or {@code *}: anything else (a bare
   * host, a path) would never match, and the shop's widget would be refused without a word at start.
   */
  private static List<String> allowedOrigins(List<String> origins) {
    for (String origin : origins) {
      if (origin.equals("*")) {
        continue;
      }
      String bare = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
      boolean valid;
      try {
        URI uri = new URI(bare);
        valid = ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null && uri.getRawFragment() == null;
      } catch (URISyntaxException e) {
        valid = false;
      }
      if (!valid) {
        throw new ConfigException("ALLOWED_ORIGINS", "expected origins like https://shop.example or "
          + "http://localhost:3000 (scheme, host, optional port; no path), or *; got '" + origin + "'");
      }
    }
    return origins;
  }

  /** {@code shipped}, {@code baseline} (blank means it too), or a directory that exists: caught here, not mid-start. */
  private static String nluModelDir(String setting) {
    if (setting.isEmpty() || setting.equals("shipped") || setting.equals("baseline") || Files.isDirectory(Path.of(setting))) {
      return setting;
    }
    throw new ConfigException("NLU_MODEL_DIR", "expected shipped, baseline or a directory written by nlu train; '"
      + setting + "' is no directory");
  }

  /** The shop's events key: the public demo one only with the demo data; a real one long enough to guess at. */
  private static String eventsApiKey(Source src, boolean demoData) {
    String key = src.string("eventsApiKey", "EVENTS_API_KEY", demoData ? EventSettings.DEMO_EVENTS_API_KEY : "");
    if (!demoData && key.equals(EventSettings.DEMO_EVENTS_API_KEY)) {
      throw new ConfigException("EVENTS_API_KEY", "is the public demo key; a real shop needs its own");
    }
    if (!key.isEmpty() && !key.equals(EventSettings.DEMO_EVENTS_API_KEY)
        && key.length() < EventSettings.MIN_KEY_LENGTH) {
      throw new ConfigException("EVENTS_API_KEY", "must be at least " + EventSettings.MIN_KEY_LENGTH
        + " characters (e.g. openssl rand -base64 24), got " + key.length());
    }
    return key;
  }

  /** A real shop needs its own key: the demo key is refused once SHOP_API_URL points elsewhere. */
  private static String shopApiKey(String shopApiUrl, String key) {
    if (key.isBlank()) {
      throw new ConfigException("SHOP_API_KEY", "must not be blank");
    }
    if (!shopApiUrl.isEmpty() && key.equals(DEMO_SHOP_API_KEY)) {
      throw new ConfigException("SHOP_API_KEY", "set the shop's own API key when SHOP_API_URL is set");
    }
    return key;
  }

  /** Blank, or an absolute http(s) URL with a host, and no credentials in it. */
  private static String shopApiUrl(String url) {
    if (url.isEmpty()) {
      return url;
    }
    try {
      URI uri = new URI(url);
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    // Not quoted back: a URL with user info would put a password in the log.
    throw new ConfigException("SHOP_API_URL",
      "expected an http(s) URL such as https://shop.example, without user info or query (the key goes in SHOP_API_KEY)");
  }

  /** The shop's signing secret: the public demo one only with the demo data; a real one long enough for HMAC. */
  private static String identitySecret(Source src, boolean demoData) {
    String secret = src.string("shopIdentitySecret", "SHOP_IDENTITY_SECRET", demoData ? DEMO_IDENTITY_SECRET : "");
    if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
      throw new ConfigException("SHOP_IDENTITY_SECRET", "must be at least " + MIN_SECRET_LENGTH
        + " characters (e.g. openssl rand -base64 32), got " + secret.length());
    }
    if (!demoData && secret.equals(DEMO_IDENTITY_SECRET)) {
      throw new ConfigException("SHOP_IDENTITY_SECRET", "is the public demo secret; a real shop needs its own");
    }
    return secret;
  }

  public AppConfig withPg(PgSettings newPg) {
    return new AppConfig(httpHost, httpPort, newPg, allowedOrigins, maxTextLength, maxFrameBytes,
      rateLimitMessages, rateLimitWindowSeconds, httpIdleTimeoutSeconds, demoData, embeddedPostgres, dataDir,
      nluModelDir, nluMaxBatch, nluMaxWaitMillis, nluWorkers, shopApiUrl, shopApiKey, shopApiTimeoutMillis,
      shopProductCacheSeconds, demoShopPort, shopIdentitySecret, identityMaxTtlSeconds, admin, events, recommend, ops, logs, shutdownGraceSeconds,
      cluster, learning);
  }

  /** The record's own, except that the identity secret is never printed (PgSettings hides the password). */
  @Override
  public String toString() {
    String secret = shopIdentitySecret.isEmpty() ? "(none)" : "(" + shopIdentitySecret.length() + " characters)";
    return "AppConfig[httpHost=" + httpHost + ", httpPort=" + httpPort + ", pg=" + pg + ", allowedOrigins="
      + allowedOrigins + ", maxTextLength=" + maxTextLength + ", maxFrameBytes=" + maxFrameBytes
      + ", rateLimitMessages=" + rateLimitMessages + ", rateLimitWindowSeconds=" + rateLimitWindowSeconds
      + ", httpIdleTimeoutSeconds=" + httpIdleTimeoutSeconds
      + ", demoData=" + demoData + ", embeddedPostgres=" + embeddedPostgres + ", dataDir=" + dataDir
      + ", nluModelDir=" + nluModelDir + ", nluMaxBatch=" + nluMaxBatch + ", nluMaxWaitMillis=" + nluMaxWaitMillis
      + ", nluWorkers=" + nluWorkers + ", shopApiUrl=" + shopApiUrl + ", shopApiTimeoutMillis=" + shopApiTimeoutMillis
      + ", shopProductCacheSeconds=" + shopProductCacheSeconds
      + ", demoShopPort=" + demoShopPort + ", shopIdentitySecret=" + secret + ", identityMaxTtlSeconds="
      + identityMaxTtlSeconds + ", admin=" + admin + ", events=" + events + ", recommend=" + recommend
      + ", ops=" + ops + ", logs=" + logs + ", shutdownGraceSeconds=" + shutdownGraceSeconds + ", cluster=" + cluster
      + ", learning=" + learning + "]";
  }

  /**
   * Values looked up in the environment first, then the file, then the default; {@code read} collects every
   * setting asked for (file key → variable).
   */
  private record Source(JsonObject file, Map<String, String> env, Map<String, Read> read) {

    String string(String key, String var, String fallback) {
      read.putIfAbsent(key, new Read(var, null));
      String fromEnv = env.get(var);
      if (fromEnv != null && !fromEnv.isEmpty()) {
        return fromEnv;
      }
      Object value = file.getValue(key);
      return value == null ? fallback : value.toString();
    }

    int integer(String key, String var, int fallback, int min, int max) {
      read.putIfAbsent(key, new Read(var, min + "–" + max));
      String raw = string(key, var, null);
      if (raw == null) {
        return fallback;
      }
      int value;
      try {
        value = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(name(key, var), "expected a whole number, got '" + raw + "'");
      }
      if (value < min || value > max) {
        throw new ConfigException(name(key, var), "must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    /** One word, no blanks inside (a host name or address): a stray space would fail far from here. */
    String word(String key, String var, String fallback) {
      String value = string(key, var, fallback).trim();
      if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(name(key, var), "expected a host name or address, got '" + value + "'");
      }
      return value;
    }

    /** The variable, and the file key when the bad value came from the file rather than the environment. */
    private String name(String key, String var) {
      String fromEnv = env.get(var);
      return fromEnv != null && !fromEnv.isEmpty() ? var : var + " (" + key + " in the config file)";
    }

    boolean bool(String key, String var, boolean fallback) {
      read.putIfAbsent(key, new Read(var, "true/false"));
      String raw = string(key, var, null);
      if (raw == null) {
        return fallback;
      }
      return switch (raw.trim().toLowerCase()) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new ConfigException(name(key, var), "expected true or false (or yes/no, on/off, 1/0), got '"
          + raw + "'");
      };
    }

    List<String> list(String key, String var) {
      read.putIfAbsent(key, new Read(var, null));
      String fromEnv = env.get(var);
      if (fromEnv != null) {
        return split(fromEnv);
      }
      Object value = file.getValue(key);
      if (value instanceof JsonArray array) {
        return array.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
      }
      return value == null ? List.of() : split(value.toString());
    }

    private static List<String> split(String raw) {
      return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Function.identity()).toList();
    }
  }
}
