package com.shopchat.nlu.cli;

import picocli.CommandLine.Command;

/** {@code chatbot nlu}: train and evaluate intent models from JSON Lines files. */
@Command(name = "nlu", description = "Train and evaluate the intent model.",
    mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, EvaluateCommand.class})
public final class NluCommand {
}
