package com.shopchat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.config.AppConfig;
import com.shopchat.identity.ShopperIdentity;
import com.shopchat.support.ChatClient;
import com.shopchat.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The demo shop's sign-in")
class DemoSignInApiTest {

  private static TestServer demo;
  private static TestServer real;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    demo = TestServer.start(vertx, Map.of());
    real = TestServer.start(vertx, Map.of("DEMO_DATA", "false"));
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop(Vertx vertx) throws Exception {
    real.drop(vertx);
    demo.stop(vertx);
  }

  private static HttpResponse<Buffer> get(TestServer server, String uri) throws Exception {
    return http.get(server.port(), "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode());
    assertTrue(response.getHeader("content-type").startsWith("application/json"));
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  @DisplayName("lists the six demo shoppers with their names")
  void listsShoppers() throws Exception {
    HttpResponse<Buffer> response = get(demo, "/demo/shoppers");
    assertEquals(200, response.statusCode());
    JsonArray shoppers = response.bodyAsJsonObject().getJsonArray("shoppers");
    assertEquals(6, shoppers.size());
    assertEquals(new JsonObject().put("id", "shopper-anna").put("name", "Anna Schmidt"), shoppers.getJsonObject(0));
    assertEquals("李伟", shoppers.getJsonObject(1).getString("name"));
  }

  @Test
  @DisplayName("signs a token for a demo shopper with the demo secret, valid for the maximum TTL and never cached")
  void signsToken() throws Exception {
    HttpResponse<Buffer> response = get(demo, "/demo/identity?shopper=shopper-liwei");
    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(new JsonObject().put("id", "shopper-liwei").put("name", "李伟"), body.getJsonObject("shopper"));
    ShopperIdentity verifier = ShopperIdentity.create(AppConfig.DEMO_IDENTITY_SECRET, Duration.ofDays(1),
      Clock.systemUTC());
    var verified = assertInstanceOf(ShopperIdentity.Verified.class, verifier.verify(body.getString("token")));
    assertEquals("shopper-liwei", verified.shopperId());
    assertEquals(verified.expiresAt(), Instant.parse(body.getString("expiresAt")));
    long ttl = Duration.between(Instant.now(), verified.expiresAt()).toSeconds();
    assertTrue(ttl > 86_000 && ttl <= 86_400, "ttl " + ttl);
  }

  @Test
  @DisplayName("gives a token the chat accepts: the welcome names the demo shopper")
  void tokenSignsIntoTheChat(Vertx vertx) throws Exception {
    String token = get(demo, "/demo/identity?shopper=shopper-james").bodyAsJsonObject().getString("token");
    try (ChatClient client = ChatClient.connect(vertx, demo.port())) {
      JsonObject shopper = client.hello("v-" + UUID.randomUUID(), null, null, "en", token).getJsonObject("shopper");
      assertEquals(new JsonObject().put("id", "shopper-james").put("verified", true).put("name", "James O'Connor"),
        shopper);
    }
  }

  @Test
  @DisplayName("answers 404 for a shopper who is not a demo shopper, and 400 when none is named")
  void unknownOrMissingShopper() throws Exception {
    assertError(get(demo, "/demo/identity?shopper=shopper-mallory"), 404, "unknown_shopper");
    assertError(get(demo, "/demo/identity"), 400, "missing_parameter");
    assertError(get(demo, "/demo/identity?shopper="), 400, "missing_parameter");
  }

  @Test
  @DisplayName("does not exist without the demo data")
  void absentWithoutDemo() throws Exception {
    assertError(get(real, "/demo/identity?shopper=shopper-anna"), 404, "not_found");
    assertError(get(real, "/demo/shoppers"), 404, "not_found");
  }

  @Test
  @DisplayName("without the demo data and a secret, the chat refuses every identity (reason disabled) and goes on anonymously")
  void noSecretRefusesIdentities(Vertx vertx) throws Exception {
    String token = ShopperIdentity.create(AppConfig.DEMO_IDENTITY_SECRET, Duration.ofDays(1), Clock.systemUTC())
      .sign("shopper-anna", Instant.now().plusSeconds(600));
    try (ChatClient client = ChatClient.connect(vertx, real.port())) {
      JsonObject welcome = client.hello("v-" + UUID.randomUUID(), null, null, "en", token);
      JsonObject error = client.seen().get(0);
      assertEquals("identity_rejected", error.getString("code"));
      assertEquals("disabled", error.getString("reason"));
      assertEquals(new JsonObject().put("verified", false), welcome.getJsonObject("shopper"));
    }
  }
}
