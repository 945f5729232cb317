package com.shopchat.abuse;

import com.shopchat.support.TestServer;
import io.vertx.sqlclient.Row;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Row counts of every table of the server's database, to show that refused requests stored nothing. */
final class Rows {

  private Rows() {
  }

  /** Each table's row count, by name (Flyway's own history left out). */
  static Map<String, Long> count(TestServer server) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    var tables = server.pool().query("SELECT table_name FROM information_schema.tables WHERE table_schema = "
      + "'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")
      .execute().await(10, TimeUnit.SECONDS);
    for (Row row : tables) {
      String table = row.getString(0);
      counts.put(table, server.count("SELECT count(*) FROM \"" + table + "\""));
    }
    return counts;
  }
}
