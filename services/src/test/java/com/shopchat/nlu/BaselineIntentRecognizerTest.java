package com.shopchat.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The baseline intent recognizer")
class BaselineIntentRecognizerTest {

  private final BaselineIntentRecognizer nlu = new BaselineIntentRecognizer();

  @ParameterizedTest(name = "reads \"{0}\" as {1}")
  @DisplayName("recognises small talk, requests for a person, and treats the rest as questions")
  @CsvSource(delimiter = '|', value = {
    "Hi!|greeting",
    "hello there|greeting",
    "Good morning|greeting",
    "你好|greeting",
    "thanks a lot|thanks",
    "Thank you so much!|thanks",
    "谢谢|thanks",
    "bye|goodbye",
    "再见|goodbye",
    "I want to talk to a human|human",
    "can I speak to someone please|human",
    "转人工|human",
    "hi, where is my order?|faq",
    "how long does delivery take?|faq",
    "thanks but what is your return policy|faq",
    "退货政策是什么|faq"})
  void classifies(String text, String intent) {
    assertEquals(intent, nlu.classify(text).intent());
  }
}
