package com.shopchat.abuse;

import com.shopchat.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every HTTP endpoint the server's router has, read from the router itself (not from a list in a test), so a
 * route added later is fuzzed and checked for its guards without anyone remembering to.
 */
final class Routes {

  /** One method on one path; path parameters ({@code :id}) are filled in by {@link #uri}. */
  record Endpoint(HttpMethod method, String path) implements Comparable<Endpoint> {

    boolean write() {
      return !Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS).contains(method);
    }

    /** The path with every parameter replaced by {@code value} ({@code :locale} by {@code en}). */
    String uri(String value) {
      return path.replace(":locale", "en").replaceAll(":[A-Za-z]+", value);
    }

    @Override
    public int compareTo(Endpoint o) {
      int byPath = path.compareTo(o.path);
      return byPath != 0 ? byPath : method.name().compareTo(o.method.name());
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private Routes() {
  }

  /** The endpoints with a method and a plain path: the API's, not the static files' catch-alls. */
  static List<Endpoint> all(TestServer server) {
    Set<Endpoint> endpoints = new TreeSet<>();
    for (Route route : server.app().router().getRoutes()) {
      // A path with parameters (/kb/:id) is kept as a pattern; its name is the path as written.
      String path = route.getPath() != null ? route.getPath() : route.getName();
      Set<HttpMethod> methods = route.methods();
      if (path == null || !path.startsWith("/") || methods == null || methods.isEmpty()
        || path.matches(".*[()\\[\\]^$|?+].*")) {
        continue;
      }
      methods.forEach(m -> endpoints.add(new Endpoint(m, path)));
    }
    return new ArrayList<>(endpoints);
  }

  /** The endpoints under a prefix. */
  static List<Endpoint> under(TestServer server, String prefix) {
    return all(server).stream().filter(e -> e.path().startsWith(prefix)).toList();
  }
}
