package com.shopchat.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;

/** The staff who sign in (admins, agents), in PostgreSQL. */
public final class StaffRepository {

  /** Thrown (as the failure) when the email is already someone's. */
  public static final class EmailTakenException extends RuntimeException {
    EmailTakenException(String email) {
      super("a staff user with the email " + email + " exists already", null, false, false);
    }
  }

  private final Pool pool;

  public StaffRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new staff user; the email is kept lower-cased. Fails with {@link EmailTakenException}. */
  public Future<StaffUser> create(String email, String passwordHash, List<String> roles) {
    return pool.preparedQuery(SqlQueries.INSERT_STAFF)
      .execute(Tuple.of(email, passwordHash, roles.toArray(String[]::new)))
      .map(rows -> toUser(rows.iterator().next()))
      .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? new EmailTakenException(email.toLowerCase()) : e));
  }

  /** The user with this email (any case), or {@code null}. */
  public Future<StaffUser> byEmail(String email) {
    return pool.preparedQuery(SqlQueries.FIND_STAFF_BY_EMAIL).execute(Tuple.of(email))
      .map(rows -> rows.size() == 0 ? null : toUser(rows.iterator().next()));
  }

  /** The user with this id, or {@code null}. */
  public Future<StaffUser> byId(long id) {
    return pool.preparedQuery(SqlQueries.FIND_STAFF).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : toUser(rows.iterator().next()));
  }

  /** How many enabled admins there are. */
  public Future<Long> countAdmins() {
    return pool.query(SqlQueries.COUNT_ADMINS).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  private static StaffUser toUser(Row r) {
    return new StaffUser(r.getLong("id"), r.getString("email"), r.getString("password_hash"),
      List.copyOf(Arrays.asList(r.getArrayOfStrings("roles"))), r.getBoolean("disabled"));
  }
}
