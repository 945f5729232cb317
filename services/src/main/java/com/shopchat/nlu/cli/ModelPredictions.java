package com.shopchat.nlu.cli;

import com.shopchat.nlu.eval.Prediction;
import com.shopchat.nlu.model.IntentModel;
import com.shopchat.nlu.model.LabeledText;
import java.util.ArrayList;
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

  static List<Prediction> of(IntentModel model, List<LabeledText> data) {
    return of(model::predictProbabilities, model.labels(), data);
  }

  /** An ensemble's predictions: the mean of its models' probabilities (all with the same labels). */
  static List<Prediction> of(List<IntentModel> models, List<LabeledText> data) {
    IntentModel.Probe mean = texts -> {
      List<float[]> sum = null;
      for (IntentModel model : models) {
        List<float[]> rows = model.predictProbabilities(texts);
        if (sum == null) {
          sum = rows;
          continue;
        }
        for (int r = 0; r < rows.size(); r++) {
          for (int i = 0; i < rows.get(r).length; i++) {
            sum.get(r)[i] += rows.get(r)[i];
          }
        }
      }
      for (float[] row : sum) {
        for (int i = 0; i < row.length; i++) {
          row[i] /= models.size();
        }
      }
      return sum;
    };
    return of(mean, models.get(0).labels(), data);
  }
}
