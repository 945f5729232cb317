package com.shopchat.nlu.cli;

import picocli.CommandLine.Command;

/** {@code chatbot nlu}: generate the shop corpus, train and evaluate intent models, score entity extraction. */
@Command(name = "nlu", description = "Generate the shop corpus, train and evaluate the intent model; score entity extraction.",
    mixinStandardHelpOptions = true,
    subcommands = {CorpusCommand.class, TrainCommand.class, EvaluateCommand.class, EntitiesCommand.class})
public final class NluCommand {
}
