package com.shopchat.store;

import com.shopchat.config.PgSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the database ready before the server starts: creates it when missing, then applies the
 * versioned migrations in {@code db/migration} with Flyway. Everything here blocks: call it on a worker.
 */
public final class DatabaseBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);
  private static final String MAINTENANCE_DB = "postgres";

  private DatabaseBootstrap() {
  }

  /** Creates the database if needed and migrates it; returns the number of migrations applied. */
  public static int prepare(PgSettings pg) {
    ensureDatabase(pg);
    return migrate(pg);
  }

  /** True when the server answers and lets us in; used to decide on the embedded fallback. */
  public static boolean reachable(PgSettings pg) {
    try (Connection ignored = connect(pg.withDatabase(MAINTENANCE_DB))) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Creates {@code pg.database()} when it does not exist yet. */
  public static void ensureDatabase(PgSettings pg) {
    try (Connection c = connect(pg.withDatabase(MAINTENANCE_DB))) {
      if (exists(c, pg.database())) {
        return;
      }
      try (var st = c.createStatement()) {
        // The name was validated as a plain identifier by PgSettings, so quoting it is enough.
        st.execute("CREATE DATABASE \"" + pg.database() + "\"");
        LOG.info("created database {}", pg.database());
      } catch (SQLException e) {
        // Another node may have created it a moment ago.
        if (!"42P04".equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare database " + pg + ": " + e.getMessage(), e);
    }
  }

  /** Drops a database, disconnecting its sessions (tests clean up after themselves with it). */
  public static void dropDatabase(PgSettings pg) {
    try (Connection c = connect(pg.withDatabase(MAINTENANCE_DB)); var st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + pg.database() + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + pg + ": " + e.getMessage(), e);
    }
  }

  private static int migrate(PgSettings pg) {
    MigrateResult result = Flyway.configure()
      .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
      .locations("classpath:db/migration")
      .load()
      .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("applied {} migration(s) to {}, schema now at version {}",
        result.migrationsExecuted, pg.database(), result.targetSchemaVersion);
    }
    return result.migrationsExecuted;
  }

  private static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Connection connect(PgSettings pg) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", pg.user());
    if (pg.password() != null) {
      props.setProperty("password", pg.password());
    }
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(pg.jdbcUrl(), props);
  }
}
