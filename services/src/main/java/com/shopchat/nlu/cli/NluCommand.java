package com.shopchat.nlu.cli;

import picocli.CommandLine.Command;

/** {@code chatbot nlu}: generate the shop corpus, train and evaluate intent models from JSON Lines files. */
@Command(name = "nlu", description = "Generate the shop corpus, train and evaluate the intent model.",
    mixinStandardHelpOptions = true, subcommands = {CorpusCommand.class, TrainCommand.class, EvaluateCommand.class})
public final class NluCommand {
}
