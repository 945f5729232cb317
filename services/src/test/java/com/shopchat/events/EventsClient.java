package com.shopchat.events;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The shop's site posting behaviour events over real HTTP, as tests need it. */
public final class EventsClient {

  private final WebClient http;
  private final int port;
  private final String key;

  public EventsClient(Vertx vertx, int port, String key) {
    this.http = WebClient.create(vertx);
    this.port = port;
    this.key = key;
  }

  /** A valid event of one product, now. */
  public static JsonObject event(String id, String type, String visitorId, String sku) {
    return new JsonObject().put("id", id).put("type", type).put("visitorId", visitorId).put("sku", sku)
      .put("at", Instant.now().toString());
  }

  public HttpResponse<Buffer> post(JsonObject... events) throws Exception {
    return postBody(new JsonObject().put("events", new JsonArray(List.of((Object[]) events))).encode());
  }

  /** Posts this text as the body, with the key (when not null). */
  public HttpResponse<Buffer> postBody(String body) throws Exception {
    return postBody(body, key);
  }

  public HttpResponse<Buffer> postBody(String body, String apiKey) throws Exception {
    var request = http.post(port, "127.0.0.1", "/api/events").putHeader("Content-Type", "application/json");
    if (apiKey != null) {
      request.putHeader(EventsApi.KEY_HEADER, apiKey);
    }
    return request.sendBuffer(Buffer.buffer(body)).await(30, TimeUnit.SECONDS);
  }
}
