package com.shopchat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.PgSettings;
import com.shopchat.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** bin/backup-restore-check, run as an operator would, against the local PostgreSQL. */
@ExtendWith(VertxExtension.class)
@DisplayName("The backup/restore check")
class BackupRestoreCheckTest {

  /** Tests run in services/; the script is at the repository's root. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  @DisplayName("Fills a scratch database with the platform (migrations, demo shop, chats over the websocket), dumps it with pg_dump -Fc, restores it and finds every table and sequence equal, then drops both.")
  void roundTripMatches(@TempDir Path dir) throws Exception {
    Result result = run(dir, List.of());
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("wrote 5 conversations of 4 shopper messages"), result.output());
    assertTrue(result.output().contains("holds 40 chat messages"), result.output());
    assertTrue(result.output().contains("backup-restore-check: OK:"), result.output());
    assertTrue(result.output().lines().anyMatch(l -> l.matches("\\s+messages\\t40\\t[0-9a-f]{32}")), result.output());
    String left = Files.readString(dir.resolve("databases.txt"));
    assertTrue(left.lines().noneMatch(l -> l.startsWith("shopchat_backup_check_")), "scratch databases left: " + left);
  }

  @Test
  @DisplayName("Exits 1 and shows the table when two databases differ.")
  void differenceFails(Vertx vertx, @TempDir Path dir) throws Exception {
    TestDatabase a = TestDatabase.fresh();
    TestDatabase b = TestDatabase.fresh();
    Pool admin = pool(vertx, a.pg().withDatabase("postgres"));
    try {
      for (TestDatabase db : List.of(a, b)) {
        admin.query("CREATE DATABASE " + db.pg().database()).execute().await(30, TimeUnit.SECONDS);
      }
      for (TestDatabase db : List.of(a, b)) {
        Pool pool = pool(vertx, db.pg());
        pool.query("CREATE TABLE messages (seq integer)").execute().await(10, TimeUnit.SECONDS);
        pool.query(db == a ? "INSERT INTO messages VALUES (1), (2)" : "INSERT INTO messages VALUES (1)")
          .execute().await(10, TimeUnit.SECONDS);
        pool.close().await(10, TimeUnit.SECONDS);
      }
      Result result = run(dir, List.of("--compare", a.pg().database(), b.pg().database()));
      assertEquals(1, result.exitCode(), result.output());
      assertTrue(result.output().contains("FAILED"), result.output());
      assertTrue(result.output().contains("+messages\t1\t"), result.output());
    } finally {
      admin.close().await(10, TimeUnit.SECONDS);
      a.close();
      b.close();
    }
  }

  private static Pool pool(Vertx vertx, PgSettings pg) {
    return PgBuilder.pool().connectingTo(pg.connectOptions()).using(vertx).build();
  }

  private record Result(int exitCode, String output) {}

  /** Runs the script with the test's JVM and classpath (no jar needed); afterwards lists the databases left. */
  private static Result run(Path dir, List<String> args) throws Exception {
    Path output = dir.resolve("output.txt");
    List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/backup-restore-check").toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
      .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().put("SHOPCHAT_CLASSPATH", System.getProperty("java.class.path"));
    Process process = builder.start();
    boolean done = process.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly();
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertTrue(done, "still running after 5 minutes:\n" + text);
    Process list = new ProcessBuilder("psql", "-X", "-At", "-d", "postgres", "-c", "SELECT datname FROM pg_database")
      .redirectErrorStream(true).redirectOutput(dir.resolve("databases.txt").toFile()).start();
    assertTrue(list.waitFor(30, TimeUnit.SECONDS));
    return new Result(process.exitValue(), text);
  }
}
