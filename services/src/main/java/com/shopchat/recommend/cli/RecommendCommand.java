package com.shopchat.recommend.cli;

import picocli.CommandLine.Command;

/** {@code chatbot recommend}: offline evaluation of the recommenders on the NCF leave-one-out protocol. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Recommender tools: evaluate on NCF leave-one-out files, generate a synthetic data set.",
    subcommands = {EvaluateNcfCommand.class, GenerateNcfCommand.class})
public final class RecommendCommand {
}
