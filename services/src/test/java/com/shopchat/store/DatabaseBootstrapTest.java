package com.shopchat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.TestDatabase;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Preparing the database")
class DatabaseBootstrapTest {

  private static TestDatabase db;

  @BeforeAll
  static void fresh() {
    db = TestDatabase.fresh();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  @DisplayName("creates a missing database, migrates it once, and leaves it alone on the next start")
  void createsAndMigratesOnce() throws Exception {
    assertTrue(DatabaseBootstrap.reachable(db.pg()));
    assertTrue(DatabaseBootstrap.prepare(db.pg()) >= 1);
    assertEquals(0, DatabaseBootstrap.prepare(db.pg()));

    Set<String> tables = new HashSet<>();
    try (var c = DriverManager.getConnection(db.pg().jdbcUrl(), db.pg().user(), db.pg().password());
         ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertTrue(tables.containsAll(Set.of("conversations", "messages", "visitors", "shoppers", "knowledge_entries",
      "products", "orders", "order_items", "flyway_schema_history")), tables.toString());
  }

  @Test
  @DisplayName("reports an unreachable server instead of hanging")
  void unreachable() {
    assertFalse(DatabaseBootstrap.reachable(db.pg().withHostPort("127.0.0.1", 1)));
  }
}
