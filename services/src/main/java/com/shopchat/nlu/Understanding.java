package com.shopchat.nlu;

/** What the NLU made of one utterance: the intent it settled on and how sure it is (0..1). */
public record Understanding(String intent, float confidence) {

  public static final String GREETING = "greeting";
  public static final String GOODBYE = "goodbye";
  public static final String THANKS = "thanks";
  public static final String FAQ = "faq";
  public static final String HUMAN = "human";
}
