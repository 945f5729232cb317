package com.shopchat.nlu.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Entity evaluation")
class EntityEvaluationTest {

  private static final String SHIP = "do you ship to Munich";
  private static final String CANCEL = "cancel order 3707955617";
  private static final String REFUND = "reimburse $12";

  @Test
  @DisplayName("Predictions matching every labelled type and span score 1.0 overall and per type.")
  void perfectPredictionsScoreOne() {
    List<LabeledText> data = List.of(new LabeledText(CANCEL, "cancel_order",
      List.of(new Entity(Entity.ORDER_ID, "3707955617", 13, 23))));
    JsonObject result = EntityEvaluation.evaluate(data, List.of(List.of(new Entity(Entity.ORDER_ID, "3707955617", 13, 23))));
    assertEquals(1.0, result.getDouble("entityF1"));
    assertEquals(1.0, result.getDouble("entityValueAccuracy"));
    assertEquals(1.0, result.getJsonObject("entityPerType").getJsonObject("order_id").getDouble("f1"));
  }

  @Test
  @DisplayName("A role-named type (delivery_city) is scored as the extractor's plain type (city) and reported by its own name.")
  void roleTypesMapOntoPlainTypes() {
    List<LabeledText> data = List.of(new LabeledText(SHIP, "delivery_options",
      List.of(new Entity("delivery_city", "Munich", 15, 21))));
    JsonObject result = EntityEvaluation.evaluate(data, List.of(List.of(new Entity(Entity.CITY, "Munich", 15, 21))));
    assertEquals(1.0, result.getDouble("entityF1"));
    assertEquals(1.0, result.getJsonObject("entityPerType").getJsonObject("delivery_city").getDouble("f1"));
    assertEquals("city", result.getJsonObject("entityTypeMapping").getString("delivery_city"));
  }

  @Test
  @DisplayName("A type the data never labels is not scored but counted apart.")
  void unlabelledTypesAreCountedApart() {
    List<LabeledText> data = List.of(new LabeledText(SHIP, "delivery_options",
      List.of(new Entity("delivery_city", "Munich", 15, 21))));
    List<List<Entity>> predicted = List.of(List.of(new Entity(Entity.COLOR, "navy", 0, 2),
      new Entity(Entity.CITY, "Munich", 15, 21)));
    JsonObject result = EntityEvaluation.evaluate(data, predicted);
    assertEquals(1.0, result.getDouble("entityPrecision"));
    assertEquals(1, result.getJsonObject("entityUnscored").getInteger("color"));
  }

  @Test
  @DisplayName("A wrong span counts once as a false alarm and once as a miss; a right span with another value only lowers value accuracy.")
  void spansAndValuesAreScoredApart() {
    List<LabeledText> data = List.of(
      new LabeledText(CANCEL, "cancel_order", List.of(new Entity(Entity.ORDER_ID, "3707955617", 13, 23))),
      new LabeledText(SHIP, "delivery_options", List.of(new Entity("delivery_city", "München", 15, 21))));
    List<List<Entity>> predicted = List.of(List.of(new Entity(Entity.ORDER_ID, "370795561", 13, 22)),
      List.of(new Entity(Entity.CITY, "Munich", 15, 21)));
    JsonObject result = EntityEvaluation.evaluate(data, predicted);
    assertEquals(0.5, result.getDouble("entityPrecision"));
    assertEquals(0.5, result.getDouble("entityRecall"));
    assertEquals(0.0, result.getDouble("entityValueAccuracy"));
  }

  @Test
  @DisplayName("A label past the end of the text misses as labelled and matches once trimmed to the text.")
  void labelsPastTheTextAreTrimmedInTheSecondView() {
    List<LabeledText> data = List.of(new LabeledText(CANCEL, "cancel_order",
      List.of(new Entity(Entity.ORDER_ID, "3707955617", 13, 25))));
    JsonObject result = EntityEvaluation.evaluate(data, List.of(List.of(new Entity(Entity.ORDER_ID, "3707955617", 13, 23))));
    assertEquals(0.0, result.getDouble("entityF1"));
    JsonObject trimmed = result.getJsonObject("entityTrimmedLabels");
    assertEquals(1.0, trimmed.getDouble("f1"));
    assertEquals(1, trimmed.getInteger("labelsTrimmed"));
  }

  @Test
  @DisplayName("Money is compared on its amount when the label carries no currency.")
  void moneyValuesCompareOnTheAmount() {
    List<LabeledText> data = List.of(new LabeledText(REFUND, "get_refund",
      List.of(new Entity("refund_amount", "12", 11, 13))));
    JsonObject result = EntityEvaluation.evaluate(data, List.of(List.of(new Entity(Entity.MONEY, "12 USD", 11, 13))));
    assertEquals(1.0, result.getDouble("entityValueAccuracy"));
  }
}
