package com.shopchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.support.AdminClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(VertxExtension.class)
@DisplayName("The first admin: demo, none, and the admin create command")
class FirstAdminTest {

  private static TestServer demo;
  private static TestServer plain;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    demo = TestServer.start(vertx, Map.of());
    plain = TestServer.start(vertx, Map.of("DEMO_DATA", "false"));
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    plain.drop(vertx);
    demo.stop(vertx);
  }

  @Test
  @DisplayName("with the demo data and no ADMIN_EMAIL, a demo admin (who also answers chats) with a random, hashed "
    + "password is created once")
  void demoAdmin() throws Exception {
    assertEquals(1, demo.count("SELECT count(*) FROM staff_users WHERE email = 'admin@demo.shop'"
      + " AND roles = '{admin,agent}'"));
    assertTrue(demo.string("SELECT password_hash FROM staff_users").startsWith("$pbkdf2$"));
  }

  @Test
  @DisplayName("without demo data or ADMIN_EMAIL no admin exists; admin create adds one who can sign in, and refuses a second with that email")
  void adminCreate(Vertx vertx) throws Exception {
    assertEquals(0, plain.count("SELECT count(*) FROM staff_users"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PGDATABASE", plain.string("SELECT current_database()"));
    env.put("DEMO_DATA", "false");
    AdminCommand.Create create = new AdminCommand.Create();
    new CommandLine(create).parseArgs("--email", "Boss@Shop.test", "--role", "admin", "--role", "agent");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, create.create(env, "a password from stdin", new PrintWriter(out, true), new PrintWriter(err, true)),
      err.toString());
    assertTrue(out.toString().contains("created boss@shop.test"), out.toString());
    assertEquals("{admin,agent}", plain.string("SELECT roles::text FROM staff_users WHERE email = 'boss@shop.test'"));
    assertEquals(200, new AdminClient(vertx, plain.port()).login("boss@shop.test", "a password from stdin").statusCode());

    StringWriter again = new StringWriter();
    assertEquals(1, create.create(env, "a password from stdin", new PrintWriter(new StringWriter()),
      new PrintWriter(again, true)));
    assertTrue(again.toString().contains("exists already"), again.toString());
    assertEquals(2, create.create(env, "", new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
  }
}
