package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.Prediction;
import com.shopchat.nlu.model.IntentClassifier;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Top-1 predictions for labelled utterances from a probe or a model, in the data's order. */
final class ModelPredictions {

  private ModelPredictions() {
  }

  static List<Prediction> of(IntentModel.Probe probe, List<String> labels, List<LabeledText> data) {
    List<float[]> rows = probe.probabilities(data.stream().map(LabeledText::text).toList());
    List<Prediction> predictions = new ArrayList<>(rows.size());
    for (float[] row : rows) {
      int best = 0;
      for (int i = 1; i < row.length; i++) {
        best = row[i] > row[best] ? i : best;
      }
      predictions.add(new Prediction(labels.get(best), row[best]));
    }
    return predictions;
  }

  static List<Prediction> of(IntentClassifier model, List<LabeledText> data) {
    return of(model::predictProbabilities, model.labels(), data);
  }

  /** An ensemble's predictions: the mean of its models' probabilities (all with the same labels). */
  static List<Prediction> of(List<? extends IntentClassifier> models, List<LabeledText> data) {
    return of(models, Collections.nCopies(models.size(), 1f), data);
  }

  /**
   * An ensemble's predictions: the weighted mean of its models' probabilities (all with the same labels), each
   * model's weight at the same position in {@code weights}.
   */
  static List<Prediction> of(List<? extends IntentClassifier> models, List<Float> weights, List<LabeledText> data) {
    if (weights.size() != models.size()) {
      throw new IllegalArgumentException(weights.size() + " weights for " + models.size() + " models");
    }
    float total = (float) weights.stream().mapToDouble(Float::doubleValue).sum();
    IntentModel.Probe mean = texts -> {
      List<float[]> sum = null;
      for (int m = 0; m < models.size(); m++) {
        List<float[]> rows = models.get(m).predictProbabilities(texts);
        float weight = weights.get(m) / total;
        if (sum == null) {
          sum = new ArrayList<>(rows.size());
          for (float[] row : rows) {
            sum.add(new float[row.length]);
          }
        }
        for (int r = 0; r < rows.size(); r++) {
          for (int i = 0; i < rows.get(r).length; i++) {
            sum.get(r)[i] += weight * rows.get(r)[i];
          }
        }
      }
      return sum;
    };
    return of(mean, models.get(0).labels(), data);
  }
}
