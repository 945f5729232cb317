package com.shopchat.config;

/**
 * Signing in to the admin API: how long an idle session lasts, whether its cookie is HTTPS-only, how many failed
 * logins an email (from one address) gets per window, and the first admin created at start when there is none.
 *
 * @param bootstrapEmail with {@code bootstrapPassword}: the admin created on a start that finds no admin; blank: none
 * @param bootstrapPassword never printed
 */
public record AdminSettings(int sessionTimeoutMinutes, boolean cookieSecure, int loginMaxAttempts,
                            String bootstrapEmail, String bootstrapPassword) {

  /** Shortest password accepted for staff, from the CLI or the configuration. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  public AdminSettings {
    if (bootstrapEmail.isBlank() != bootstrapPassword.isEmpty()) {
      throw new ConfigException(bootstrapEmail.isBlank() ? "ADMIN_EMAIL" : "ADMIN_PASSWORD",
        "set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither");
    }
    if (!bootstrapPassword.isEmpty() && bootstrapPassword.length() < MIN_PASSWORD_LENGTH) {
      throw new ConfigException("ADMIN_PASSWORD", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  /** Whether a first admin is configured. */
  public boolean bootstrapAdmin() {
    return !bootstrapEmail.isBlank();
  }

  @Override
  public String toString() {
    return "AdminSettings[sessionTimeoutMinutes=" + sessionTimeoutMinutes + ", cookieSecure=" + cookieSecure
      + ", loginMaxAttempts=" + loginMaxAttempts + ", bootstrapEmail=" + bootstrapEmail
      + ", bootstrapPassword=" + (bootstrapPassword.isEmpty() ? "(none)" : "(set)") + "]";
  }
}
