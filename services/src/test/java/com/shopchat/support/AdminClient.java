package com.shopchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A member of staff over real HTTP: logs in, then keeps the session cookie and sends the CSRF token on writes
 * (unless told not to), as the admin console does.
 */
public final class AdminClient {

  private final WebClient http;
  private final int port;
  private String cookie;
  private String csrf;

  public AdminClient(Vertx vertx, int port) {
    this.http = WebClient.create(vertx);
    this.port = port;
  }

  /** The answer's JSON body, after checking its status. */
  public static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** The error code of a refused answer, after checking its status. */
  public static String errorCode(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  /** Logs in and returns the response; on 200 the session cookie and CSRF token are kept. */
  public HttpResponse<Buffer> login(String email, String password) throws Exception {
    HttpResponse<Buffer> response = http.post(port, "127.0.0.1", "/api/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(30, TimeUnit.SECONDS);
    if (response.statusCode() == 200) {
      cookie = sessionCookie(response);
      csrf = response.bodyAsJsonObject().getString("csrfToken");
    }
    return response;
  }

  /** Logs in and fails unless it worked. */
  public AdminClient loggedIn(String email, String password) throws Exception {
    HttpResponse<Buffer> response = login(email, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("login failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return this;
  }

  /** The {@code Set-Cookie} header of the session cookie, attributes and all. */
  public static String sessionCookieHeader(HttpResponse<Buffer> response) {
    return response.cookies().stream().filter(c -> c.startsWith("shopchat_staff=")).findFirst().orElse(null);
  }

  private static String sessionCookie(HttpResponse<Buffer> response) {
    String header = sessionCookieHeader(response);
    return header == null ? null : header.substring(0, header.indexOf(';'));
  }

  /** Replaces the session cookie (e.g. with a forged or expired one). */
  public void cookie(String nameValue) {
    this.cookie = nameValue;
  }

  /** Sends this token from now on (e.g. another session's). */
  public AdminClient withCsrf(String token) {
    this.csrf = token;
    return this;
  }

  /** The session cookie as sent ({@code name=value}), e.g. for a websocket the test opens itself. */
  public String cookie() {
    return cookie;
  }

  public String csrfToken() {
    return csrf;
  }

  public HttpResponse<Buffer> get(String uri) throws Exception {
    return request(HttpMethod.GET, uri, true).send().await(30, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> post(String uri, JsonObject body) throws Exception {
    return send(HttpMethod.POST, uri, body, true);
  }

  public HttpResponse<Buffer> put(String uri, JsonObject body) throws Exception {
    return send(HttpMethod.PUT, uri, body, true);
  }

  /** A request with more headers (e.g. {@code If-Match}), the CSRF token included; waits for the answer. */
  public HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body, Map<String, String> headers)
    throws Exception {
    return sending(method, uri, body, headers).await(30, TimeUnit.SECONDS);
  }

  /** As {@link #send(HttpMethod, String, JsonObject, Map)} without waiting: for requests that race each other. */
  public Future<HttpResponse<Buffer>> sending(HttpMethod method, String uri, JsonObject body,
                                              Map<String, String> headers) {
    HttpRequest<Buffer> request = request(method, uri, true);
    headers.forEach(request::putHeader);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** A write without the CSRF header. */
  public HttpResponse<Buffer> postWithoutCsrf(String uri, JsonObject body) throws Exception {
    return send(HttpMethod.POST, uri, body, false);
  }

  /** Posts a file's text (an import). */
  public HttpResponse<Buffer> postText(String uri, String contentType, String text) throws Exception {
    return request(HttpMethod.POST, uri, true).putHeader("Content-Type", contentType)
      .sendBuffer(Buffer.buffer(text)).await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body, boolean withCsrf)
    throws Exception {
    HttpRequest<Buffer> request = request(method, uri, withCsrf);
    return (body == null ? request.send() : request.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String uri, boolean withCsrf) {
    HttpRequest<Buffer> request = http.request(method, port, "127.0.0.1", uri);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (withCsrf && csrf != null) {
      request.putHeader("X-CSRF-Token", csrf);
    }
    return request;
  }
}
