package com.shopchat.store;

import com.shopchat.handoff.Handoff;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
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

  /** Thrown (as the failure) when a change would break a rule of the team: {@code code} says which. */
  public static final class RuleException extends RuntimeException {
    private final String code;

    RuleException(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
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

  /**
   * Stores a new staff user with their routing profile, in one transaction. Fails with {@link EmailTakenException}.
   */
  public Future<StaffProfile> create(String email, String passwordHash, List<String> roles, String displayName,
                                     List<String> languages, List<String> topics, int maxChats) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.INSERT_STAFF)
        .execute(Tuple.of(email, passwordHash, roles.toArray(String[]::new)))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          return conn.preparedQuery(SqlQueries.SET_STAFF_PROFILE).execute(Tuple.of(id, displayName,
              languages.toArray(String[]::new), topics.toArray(String[]::new), maxChats))
            .compose(v -> profile(conn, id));
        }))
      .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? new EmailTakenException(email.toLowerCase()) : e));
  }

  /** Everyone on the team: enabled first, by email. */
  public Future<List<StaffProfile>> list() {
    return pool.query(SqlQueries.LIST_STAFF + SqlQueries.STAFF_ORDER).execute().map(StaffRepository::profiles);
  }

  /** One staff member as admins see them, or {@code null}. */
  public Future<StaffProfile> profile(long id) {
    return pool.withConnection(conn -> profile(conn, id));
  }

  /**
   * Changes a staff member ({@code passwordHash} null: the password stays), by the admin {@code actingId}, in one
   * transaction with the enabled admins locked. Refused with {@link RuleException}: {@code own_account} (an admin
   * cannot disable themselves or drop their own admin role), {@code last_admin} (the shop keeps an enabled admin).
   * Someone who stops taking chats goes offline and their chats go back to the queue. {@code null}: no such user.
   */
  public Future<StaffChange> update(long id, long actingId, StaffEdit edit, String passwordHash) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.LOCK_ADMINS_AND).execute(Tuple.of(id))
      .compose(locked -> profile(conn, id).compose(before -> {
        if (before == null) {
          return Future.succeededFuture();
        }
        StaffProfile after = edit.applyTo(before);
        boolean adminAfter = !after.disabled() && after.roles().contains(StaffUser.ADMIN);
        if (id == actingId && !adminAfter) {
          return Future.failedFuture(new RuleException("own_account",
            "you cannot disable your own account or take away your own admin role"));
        }
        long otherAdmins = 0;
        for (Row r : locked) {
          boolean admin = Arrays.asList(r.getArrayOfStrings("roles")).contains(StaffUser.ADMIN);
          otherAdmins += r.getLong("id") != id && admin && !r.getBoolean("disabled") ? 1 : 0;
        }
        if (otherAdmins == 0 && !adminAfter) {
          return Future.failedFuture(new RuleException("last_admin",
            "the shop needs at least one enabled admin; make someone else an admin first"));
        }
        return conn.preparedQuery(SqlQueries.UPDATE_STAFF).execute(Tuple.of(id, after.displayName(),
            after.roles().toArray(String[]::new), after.languages().toArray(String[]::new),
            after.topics().toArray(String[]::new), after.maxChats(), after.disabled(), passwordHash))
          .compose(v -> before.takesChats() && !after.takesChats() ? requeue(conn, id)
            : Future.succeededFuture(List.<Handoff>of()))
          .compose(requeued -> profile(conn, id).map(now -> new StaffChange(before, now, requeued)));
      })));
  }

  private static Future<List<Handoff>> requeue(SqlConnection conn, long agentId) {
    return conn.preparedQuery(SqlQueries.REQUEUE_AGENT_HANDOFFS).execute(Tuple.of(agentId)).map(rows -> {
      List<Handoff> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(HandoffRepository.toHandoff(r)));
      return out;
    });
  }

  private static Future<StaffProfile> profile(SqlConnection conn, long id) {
    return conn.preparedQuery(SqlQueries.LIST_STAFF + " WHERE s.id = $1").execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : toProfile(rows.iterator().next()));
  }

  private static List<StaffProfile> profiles(RowSet<Row> rows) {
    List<StaffProfile> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(toProfile(r)));
    return out;
  }

  private static StaffProfile toProfile(Row r) {
    return new StaffProfile(r.getLong("id"), r.getString("email"), r.getString("display_name"),
      List.of(r.getArrayOfStrings("roles")), List.of(r.getArrayOfStrings("languages")),
      List.of(r.getArrayOfStrings("topics")), r.getInteger("max_chats"), r.getString("presence"),
      r.getBoolean("disabled"), r.getOffsetDateTime("created_at"), r.getLong("chats").intValue());
  }

  private static StaffUser toUser(Row r) {
    return new StaffUser(r.getLong("id"), r.getString("email"), r.getString("password_hash"),
      List.copyOf(Arrays.asList(r.getArrayOfStrings("roles"))), r.getBoolean("disabled"));
  }
}
