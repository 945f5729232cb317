package com.shopchat.nlu.model;

import java.util.List;

/** {@link IntentFixture}'s corpus and tiny trained model, for tests outside this package (serving, HTTP). */
public final class SharedIntentFixture {

  private SharedIntentFixture() {
  }

  /** The tiny model, trained once per JVM and shared with this package's tests. */
  public static IntentModel model() {
    return IntentFixture.model();
  }

  public static List<LabeledText> data() {
    return IntentFixture.data();
  }
}
