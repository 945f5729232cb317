package com.shopchat.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the chat websocket. Browsers always send {@code Origin} on a websocket upgrade,
 * so checking it stops other sites from driving a shopper's chat (cross-site websocket hijacking).
 */
public final class OriginPolicy {

  private final Set<String> allowed;
  private final boolean any;

  public OriginPolicy(List<String> allowedOrigins) {
    this.any = allowedOrigins.contains("*");
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Non-browser clients send no origin and are allowed; so is the server's own origin (the demo page),
   * judged by the {@code Host} the browser addressed; anything else must be listed.
   */
  public boolean allows(String origin, String host) {
    if (origin == null || any) {
      return true;
    }
    String normalized = normalize(origin);
    if (allowed.contains(normalized)) {
      return true;
    }
    try {
      URI uri = URI.create(normalized);
      String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && originHost != null && originHost.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalize(String origin) {
    String lower = origin.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
