package com.shopchat.nlu;

/**
 * What the NLU made of one utterance: the intent it settled on, how sure it is (0..1), and the version
 * of the model that decided ({@code baseline} for the rule-based recognizer).
 */
public record Understanding(String intent, float confidence, String modelVersion) {

  public static final String GREETING = "greeting";
  public static final String GOODBYE = "goodbye";
  public static final String THANKS = "thanks";
  public static final String FAQ = "faq";
  public static final String HUMAN = "human";
  /** The transformer's name for asking for a person (bitext's intent). */
  public static final String HUMAN_AGENT = "contact_human_agent";
  public static final String SMALLTALK = "smalltalk";
  public static final String AFFIRM = "affirm";
  public static final String DENY = "deny";
  /** Out of scope: something this shop's assistant cannot help with. */
  public static final String OOS = "oos";
  public static final String BASELINE_VERSION = "baseline";

  /** An understanding from the rule-based baseline. */
  public Understanding(String intent, float confidence) {
    this(intent, confidence, BASELINE_VERSION);
  }
}
