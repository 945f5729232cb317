package com.shopchat.nlu.model;

import com.shopchat.nlu.entity.Entity;
import java.util.List;

/**
 * One training or evaluation example: a shopper utterance, the intent it expresses and the entities labelled in
 * it (empty when the data labels none).
 */
public record LabeledText(String text, String intent, List<Entity> entities) {

  public LabeledText {
    entities = List.copyOf(entities);
  }

  /** An example without entity labels. */
  public LabeledText(String text, String intent) {
    this(text, intent, List.of());
  }
}
