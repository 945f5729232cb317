package com.shopchat.nlu.model;

/**
 * One utterance read by the intent model in one forward pass (see {@link IntentModel#newReadingPredictor()}):
 * the intent probabilities in label order, and the sentence vector the classifier read (unit length, as
 * {@link IntentModel#newSentencePredictor()} gives it).
 */
public record IntentReading(float[] probabilities, float[] sentence) {
}
