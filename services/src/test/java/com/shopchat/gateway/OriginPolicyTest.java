package com.shopchat.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The websocket origin policy")
class OriginPolicyTest {

  private final OriginPolicy policy = new OriginPolicy(List.of("https://shop.example"));

  @Test
  @DisplayName("allows listed origins, the server's own origin, and clients that send none")
  void allows() {
    assertTrue(policy.allows("https://shop.example", "chat.example:443"));
    assertTrue(policy.allows("https://SHOP.example/", "chat.example"));
    assertTrue(policy.allows("http://localhost:8080", "localhost:8080"));
    assertTrue(policy.allows(null, "chat.example"));
  }

  @Test
  @DisplayName("refuses other sites, look-alikes and garbage")
  void refuses() {
    assertFalse(policy.allows("https://evil.example", "chat.example"));
    assertFalse(policy.allows("https://shop.example.evil.example", "chat.example"));
    assertFalse(policy.allows("http://localhost:9999", "localhost:8080"));
    assertFalse(policy.allows("null", "chat.example"));
    assertFalse(policy.allows("::not a url::", "chat.example"));
  }

  @Test
  @DisplayName("allows every origin when configured with *")
  void wildcard() {
    assertTrue(new OriginPolicy(List.of("*")).allows("https://anything.example", "chat.example"));
  }
}
