package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.eval.IntentEvaluation;
import com.shopchat.nlu.eval.Prediction;
import com.shopchat.nlu.model.IntentClassifier;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import com.shopchat.nlu.model.NgramMember;
import com.shopchat.nlu.serve.ShippedModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

  @Option(names = "--model", description = "Model directory written by `nlu train`, or `shipped` "
      + "(default: ${DEFAULT-VALUE}, the model inside this jar). A transformer with an n-gram model in its ngram/ "
      + "subdirectory is scored as it serves, with the two averaged.")
  String modelName = ShippedModel.NAME;

  private Path modelDir;

  @Option(names = "--data", required = true, description = "Labelled data (JSON Lines).")
  Path data;

  @Option(names = "--ensemble", description = "Another model trained on the same intents (a transformer or an "
      + "n-gram model); repeat to add more. The probabilities of all models are averaged.")
  List<Path> ensemble = new ArrayList<>();

  @Option(names = "--weight", description = "With --ensemble: one weight per model, --model's first, then each "
      + "--ensemble's in order; the probabilities' weighted mean is used (default: all equal).")
  List<Float> weights = new ArrayList<>();

  @Option(names = "--sweep", split = ",", description = "Also score these OOS thresholds (comma-separated) from "
      + "the same predictions: a \"sweep\" array of in-scope accuracy, OOS recall and macro-F1 per threshold.")
  List<Float> sweep = new ArrayList<>();

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
      modelDir = ShippedModel.resolve(modelName);
      examples = IntentDataset.read(data);
      threshold = oosThreshold != null ? oosThreshold : savedThreshold();
      if (!weights.isEmpty() && weights.size() != 1 + ensemble.size()) {
        throw new IllegalStateException("--weight given " + weights.size() + " times for " + (1 + ensemble.size())
            + " models");
      }
      if (weights.stream().anyMatch(w -> !(w >= 0)) || (!weights.isEmpty() && weights.stream().allMatch(w -> w == 0))) {
        throw new IllegalStateException("--weight must not be negative, and not all 0");
      }
    } catch (DatasetException | IllegalStateException e) {
      err.println("nlu evaluate: " + e.getMessage());
      return 2;
    }
    List<IntentClassifier> members = new ArrayList<>();
    try {
      IntentClassifier model = IntentClassifier.load(modelDir);
      members.add(model);
      if (model instanceof IntentModel transformer && transformer.member() != null) {
        // Scored as it serves: the member's probabilities averaged in (NgramMember).
        err.println("nlu evaluate: " + modelName + " has an n-gram member (" + NgramMember.DIR + "/): its answers "
            + "are the mean of the two");
      }
      for (Path other : ensemble) {
        IntentClassifier member = IntentClassifier.load(other);
        members.add(member);
        if (!member.labels().equals(model.labels())) {
          err.println("nlu evaluate: " + other + " has other intents than " + modelName + ": cannot ensemble");
          return 2;
        }
      }
      err.printf("nlu evaluate: %d examples, %d intents, %d model(s), oos threshold %s%n", examples.size(),
          model.labels().size(), members.size(), threshold == null ? "none" : threshold);
      List<Prediction> predictions = weights.isEmpty() ? ModelPredictions.of(members, examples)
          : ModelPredictions.of(members, weights, examples);
      JsonObject result = IntentEvaluation.evaluate(examples, predictions, threshold).put("model", modelName);
      if (!ensemble.isEmpty()) {
        result.put("ensemble", ensemble.stream().map(Path::toString).toList());
      }
      if (!weights.isEmpty()) {
        result.put("weights", new JsonArray(new ArrayList<>(weights)));
      }
      if (!sweep.isEmpty()) {
        JsonArray rows = new JsonArray();
        for (Float t : sweep) {
          JsonObject at = IntentEvaluation.evaluate(examples, predictions, t);
          rows.add(new JsonObject().put("oosThreshold", t).put("accuracy", at.getValue("accuracy"))
              .put("inScopeAccuracy", at.getValue("inScopeAccuracy")).put("oosRecall", at.getValue("oosRecall"))
              .put("macroF1", at.getValue("macroF1")));
        }
        result.put("sweep", rows);
      }
      if (IntentDataset.labelsEntities(examples)) {
        result.mergeIn(EntityScoring.score(examples, catalog, 0, err));
      }
      spec.commandLine().getOut().println(result.encode());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      err.println("nlu evaluate: cannot load a model: " + e.getMessage());
      return 2;
    } catch (DatasetException e) {
      err.println("nlu evaluate: " + e.getMessage());
      return 2;
    } finally {
      members.forEach(IntentClassifier::close);
    }
  }

  private Float savedThreshold() throws DatasetException {
    try {
      return IntentModel.savedOosThreshold(modelDir);
    } catch (IOException e) {
      throw new DatasetException(e.getMessage());
    }
  }
}
