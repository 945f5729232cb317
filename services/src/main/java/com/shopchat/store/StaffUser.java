package com.shopchat.store;

import java.util.List;

/** Someone of the shop's staff who signs in: an admin, an agent, or both. The hash never leaves the server. */
public record StaffUser(long id, String email, String passwordHash, List<String> roles, boolean disabled) {

  public static final String ADMIN = "admin";
  public static final String AGENT = "agent";

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
