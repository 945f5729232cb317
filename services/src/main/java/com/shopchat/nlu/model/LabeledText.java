package com.shopchat.nlu.model;

/** One training or evaluation example: a shopper utterance and the intent it expresses. */
public record LabeledText(String text, String intent) {
}
