package com.shopchat.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatbot config docs}: the configuration reference (docs/configuration.md) from {@link AppConfig#KEYS}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "About the configuration.",
    subcommands = ConfigCommand.Docs.class)
public final class ConfigCommand {

  /** {@code chatbot config docs [--out FILE]}: writes the reference, or prints it. */
  @Command(name = "docs", mixinStandardHelpOptions = true,
      description = "Write the configuration reference (Markdown) generated from the code's list of settings.")
  static final class Docs implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "File to write (e.g. " + ConfigurationDoc.PATH + "); default: stdout.")
    Path out;

    @Override
    public Integer call() {
      String markdown = ConfigurationDoc.markdown(AppConfig.KEYS, AppConfig.accepted());
      if (out == null) {
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        return 0;
      }
      try {
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
      } catch (IOException e) {
        spec.commandLine().getErr().println("config docs: cannot write " + out + ": " + e.getMessage());
        return 1;
      }
      spec.commandLine().getErr().printf("config docs: wrote %d settings to %s%n", AppConfig.KEYS.size(), out);
      return 0;
    }
  }
}
