package com.shopchat.knowledge.cli;

import picocli.CommandLine.Command;

/** {@code chatbot kb}: measure how well the knowledge base finds the right answer. */
@Command(name = "kb", description = "Knowledge-base tools: evaluate retrieval on paraphrased questions, fit its confidence.",
    mixinStandardHelpOptions = true, subcommands = {KbEvaluateCommand.class, KbCalibrateCommand.class})
public final class KbCommand {
}
