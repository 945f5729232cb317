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
}
