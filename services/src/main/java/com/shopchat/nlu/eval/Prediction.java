package com.shopchat.nlu.eval;

/** The model's best intent for one utterance and its probability. */
public record Prediction(String intent, float confidence) {

  /** The intent the platform acts on: {@code oos} when the model is less sure than the threshold. */
  public String decided(Float oosThreshold) {
    return oosThreshold != null && confidence < oosThreshold ? IntentEvaluation.OOS : intent;
  }
}
