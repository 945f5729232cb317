package com.shopchat.nlu.cli;

import picocli.CommandLine.Command;

/** {@code chatbot nlu}: train and evaluate intent models, and score entity extraction, from JSON Lines files. */
@Command(name = "nlu", description = "Train and evaluate the intent model; score entity extraction.",
    mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, EvaluateCommand.class, EntitiesCommand.class})
public final class NluCommand {
}
