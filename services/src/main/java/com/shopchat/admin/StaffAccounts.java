package com.shopchat.admin;

import com.shopchat.config.AdminSettings;
import com.shopchat.store.StaffProfile;
import com.shopchat.store.StaffRepository;
import com.shopchat.store.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating staff accounts — from the command line, and the first admin at start (from {@code ADMIN_EMAIL} and
 * {@code ADMIN_PASSWORD}, or with the demo data a generated password logged once). Never a built-in password.
 */
public final class StaffAccounts {

  private static final Logger LOG = LoggerFactory.getLogger(StaffAccounts.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_EMAIL = 254;
  /** The demo admin's email when the demo data creates one. */
  public static final String DEMO_ADMIN_EMAIL = "admin@demo.shop";

  private final Vertx vertx;
  private final StaffRepository staff;
  private final PasswordHasher hasher;

  public StaffAccounts(Vertx vertx, StaffRepository staff, PasswordHasher hasher) {
    this.vertx = vertx;
    this.staff = staff;
    this.hasher = hasher;
  }

  /** Checks the email and password, hashes on a worker and stores the user. */
  public Future<StaffUser> create(String email, String password, List<String> roles) {
    String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    String refused = refusal(address, email, password, roles);
    if (refused != null) {
      return Future.failedFuture(new IllegalArgumentException(refused));
    }
    return hash(password).compose(hash -> staff.create(address, hash, roles));
  }

  /**
   * An admin adds someone to the team (the console's Team panel): checked like {@link #create}, stored with the
   * routing profile. Fails with {@link IllegalArgumentException} or {@link StaffRepository.EmailTakenException}.
   */
  public Future<StaffProfile> create(StaffFields.NewMember member) {
    String address = member.email().trim().toLowerCase(Locale.ROOT);
    String refused = refusal(address, member.email(), member.password(), member.roles());
    if (refused != null) {
      return Future.failedFuture(new IllegalArgumentException(refused));
    }
    return hash(member.password()).compose(hash -> staff.create(address, hash, member.roles(),
      member.displayName(), member.languages(), member.topics(), member.maxChats()));
  }

  /** The password hashed on a worker: hashing is deliberately slow. */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  private static String refusal(String address, String email, String password, List<String> roles) {
    if (!EMAIL.matcher(address).matches() || address.length() > MAX_EMAIL) {
      return "not an email address: " + email;
    }
    if (password == null || password.length() < AdminSettings.MIN_PASSWORD_LENGTH) {
      return "the password must be at least " + AdminSettings.MIN_PASSWORD_LENGTH + " characters";
    }
    if (roles.isEmpty() || !List.of(StaffUser.ADMIN, StaffUser.AGENT).containsAll(roles)) {
      return "roles must be admin and/or agent, got " + roles;
    }
    return null;
  }

  /**
   * At start, when no admin exists: the configured one, else with the demo data {@value #DEMO_ADMIN_EMAIL} with a
   * random password logged this once, else a hint how to create one. An existing admin is left as it is.
   */
  public Future<Void> ensureFirstAdmin(AdminSettings settings, boolean demoData) {
    return staff.countAdmins().compose(admins -> {
      if (admins > 0) {
        return Future.succeededFuture();
      }
      if (settings.bootstrapAdmin()) {
        return create(settings.bootstrapEmail(), settings.bootstrapPassword(), List.of(StaffUser.ADMIN))
          .onSuccess(u -> LOG.info("created the first admin, {}, from ADMIN_EMAIL and ADMIN_PASSWORD", u.email()))
          .mapEmpty();
      }
      if (demoData) {
        String password = randomPassword();
        // The demo's one staff member answers chats too, so the agent console can be tried with the same sign-in.
        return create(DEMO_ADMIN_EMAIL, password, List.of(StaffUser.ADMIN, StaffUser.AGENT))
          .onSuccess(u -> LOG.warn("demo admin created: sign in to the admin console (/admin/) and the agent console "
            + "(/agent/) as {} "
            + "with the password {} (shown this once; it is stored hashed)", u.email(), password))
          .mapEmpty();
      }
      LOG.warn("no admin exists: create one with `java -jar chatbot.jar admin create --email you@shop.example` "
        + "(the password is read from stdin) or set ADMIN_EMAIL and ADMIN_PASSWORD");
      return Future.succeededFuture();
    });
  }

  static String randomPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
