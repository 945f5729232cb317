package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot nlu entities}: scores the entity extractor on JSON Lines with labelled entities and prints one
 * JSON object on stdout. Needs no intent model, so entity work never waits for a training run.
 */
@Command(name = "entities", mixinStandardHelpOptions = true,
    description = "Score entity extraction on JSON Lines with \"entities\"; prints one JSON object on stdout.")
public final class EntitiesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, description = "Labelled data (JSON Lines with \"entities\").")
  Path data;

  @Option(names = "--catalog", description = "Products as JSON Lines (sku, title, category, brand); "
      + "default: the demo shop's catalog.")
  Path catalog;

  @Option(names = "--show-errors", description = "Print up to this many utterances with a wrong or missed "
      + "entity to stderr (default: ${DEFAULT-VALUE}).")
  int showErrors = 0;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<LabeledText> examples = IntentDataset.read(data);
      if (!IntentDataset.labelsEntities(examples)) {
        err.println("nlu entities: " + data + ": no example has \"entities\"; nothing to score");
        return 2;
      }
      JsonObject result = EntityScoring.score(examples, catalog, showErrors, err)
          .put("count", examples.size())
          .put("data", data.toString());
      spec.commandLine().getOut().println(result.encode());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (DatasetException e) {
      err.println("nlu entities: " + e.getMessage());
      return 2;
    }
  }
}
