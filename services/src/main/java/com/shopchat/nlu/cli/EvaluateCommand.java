package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.eval.IntentEvaluation;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chatbot nlu evaluate}: scores a saved model on JSON Lines and prints one JSON object on stdout; when the
 * data labels entities, the entity extractor's scores too (see {@link EntitiesCommand}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a saved intent model on JSON Lines; prints one JSON object on stdout.")
public final class EvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory written by `nlu train`.")
  Path modelDir;

  @Option(names = "--data", required = true, description = "Labelled data (JSON Lines).")
  Path data;

  @Option(names = "--oos-threshold", description = "Predict oos when the top confidence is below this "
      + "(default: the threshold in the model's metrics.json, else none).")
  Float oosThreshold;

  @Option(names = "--catalog", description = "Products (JSON Lines) for entity scoring; default: the demo shop's.")
  Path catalog;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<LabeledText> examples;
    Float threshold;
    try {
      examples = IntentDataset.read(data);
      threshold = oosThreshold != null ? oosThreshold : savedThreshold();
    } catch (DatasetException e) {
      err.println("nlu evaluate: " + e.getMessage());
      return 2;
    }
    try (IntentModel model = IntentModel.load(modelDir)) {
      err.printf("nlu evaluate: %d examples, %d intents, oos threshold %s%n", examples.size(),
          model.labels().size(), threshold == null ? "none" : threshold);
      JsonObject result = IntentEvaluation.evaluate(examples, ModelPredictions.of(model, examples), threshold)
          .put("model", modelDir.toString());
      if (IntentDataset.labelsEntities(examples)) {
        result.mergeIn(EntityScoring.score(examples, catalog, 0, err));
      }
      spec.commandLine().getOut().println(result.encode());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      err.println("nlu evaluate: cannot load the model in " + modelDir + ": " + e.getMessage());
      return 2;
    } catch (DatasetException e) {
      err.println("nlu evaluate: " + e.getMessage());
      return 2;
    }
  }

  private Float savedThreshold() throws DatasetException {
    Path metrics = modelDir.resolve(TrainCommand.METRICS_FILE);
    if (!Files.isRegularFile(metrics)) {
      return null;
    }
    try {
      return new JsonObject(Files.readString(metrics)).getFloat("oosThreshold");
    } catch (IOException | DecodeException e) {
      throw new DatasetException(metrics + ": unreadable: " + e.getMessage());
    }
  }
}
