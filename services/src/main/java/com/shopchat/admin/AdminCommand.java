package com.shopchat.admin;

import com.shopchat.EmbeddedPostgres;
import com.shopchat.config.AppConfig;
import com.shopchat.store.DatabaseBootstrap;
import com.shopchat.store.StaffRepository;
import com.shopchat.store.StaffUser;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chatbot admin create --email E [--role admin|agent]…}: a staff account, its password read from stdin. */
@Command(name = "admin", description = "Manage the staff who sign in to the admin API.", mixinStandardHelpOptions = true,
    subcommands = {AdminCommand.Create.class})
public final class AdminCommand {

  /** Creates one staff user in the configured database (PG* variables, CONFIG_FILE). */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a staff user; the password is read from the terminal, or the first line of stdin.")
  public static final class Create implements Callable<Integer> {

    @Option(names = "--email", required = true, description = "the user's email, used to sign in")
    String email;

    @Option(names = "--role", description = "admin (default) or agent; repeat for both")
    List<String> roles = List.of(StaffUser.ADMIN);

    @Override
    public Integer call() throws Exception {
      return create(System.getenv(), readPassword(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** The command with its environment and password given: what {@link #call()} runs, and what tests drive. */
    public int create(Map<String, String> env, String password, PrintWriter out, PrintWriter err) throws Exception {
      if (password == null || password.isEmpty()) {
        err.println("no password given on stdin (or the two typed did not match)");
        return 2;
      }
      AppConfig config = EmbeddedPostgres.ensureReachable(AppConfig.load(env));
      DatabaseBootstrap.prepare(config.pg());
      Vertx vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool().connectingTo(config.pg().connectOptions()).using(vertx).build();
      try {
        StaffUser user = new StaffAccounts(vertx, new StaffRepository(pool), new PasswordHasher())
          .create(email, password, roles).await(60, TimeUnit.SECONDS);
        out.println("created " + user.email() + " with roles " + user.roles());
        return 0;
      } catch (IllegalArgumentException | StaffRepository.EmailTakenException e) {
        err.println(e.getMessage());
        return 1;
      } finally {
        pool.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        EmbeddedPostgres.stop();
      }
    }

    private static String readPassword() throws Exception {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("password: ");
        char[] again = console.readPassword("again: ");
        if (first == null || !new String(first).equals(again == null ? null : new String(again))) {
          return null;
        }
        return new String(first);
      }
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
  }
}
