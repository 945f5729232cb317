package com.shopchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.shopchat.nlu.cli.EvaluateCommand;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

@DisplayName("The chatbot command line")
class MainCommandTest {

  @Test
  @DisplayName("With no arguments, chatbot runs serve, as before the command line had subcommands.")
  void noArgumentsMeansServe() {
    CommandLine root = Main.commandLine();
    ParseResult parsed = root.parseArgs();

    assertFalse(parsed.hasSubcommand());
    assertEquals("serve", Main.selected(root, parsed).getCommandName());
    assertInstanceOf(Main.ServeCommand.class, Main.selected(root, parsed).getCommand());
  }

  @Test
  @DisplayName("chatbot serve and chatbot nlu evaluate select those commands.")
  void subcommandsAreSelected() {
    CommandLine root = Main.commandLine();
    assertEquals("serve", Main.selected(root, root.parseArgs("serve")).getCommandName());

    CommandLine again = Main.commandLine();
    ParseResult parsed = again.parseArgs("nlu", "evaluate", "--model", "m", "--data", "d.jsonl");
    assertInstanceOf(EvaluateCommand.class, Main.selected(again, parsed).getCommand());
  }

  @Test
  @DisplayName("An unknown command is a usage error with exit code 2, as it was before.")
  void unknownCommandIsUsageError() {
    CommandLine root = Main.commandLine();
    root.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(2, root.execute("launch"));
  }
}
