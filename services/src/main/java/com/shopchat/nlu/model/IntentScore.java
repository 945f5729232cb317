package com.shopchat.nlu.model;

/** An intent with the model's softmax probability for it. */
public record IntentScore(String intent, float confidence) {
}
