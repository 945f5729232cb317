package com.shopchat.config;

import io.vertx.pgclient.PgConnectOptions;

/** Where PostgreSQL is and who we are there, from the standard libpq variables. */
public record PgSettings(String host, int port, String user, String password, String database) {

  public PgSettings {
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new ConfigException("PGDATABASE", "must be a plain identifier (letters, digits, _), got '" + database + "'");
    }
  }

  /** The same server, another database (tests and the bootstrap's maintenance connection). */
  public PgSettings withDatabase(String name) {
    return new PgSettings(host, port, user, password, name);
  }

  public PgSettings withHostPort(String newHost, int newPort) {
    return new PgSettings(newHost, newPort, user, password, database);
  }

  public PgSettings withUser(String newUser) {
    return new PgSettings(host, port, newUser, null, database);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host)
      .setPort(port)
      .setUser(user)
      .setDatabase(database)
      .setCachePreparedStatements(true);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return user + "@" + host + ":" + port + "/" + database;
  }
}
