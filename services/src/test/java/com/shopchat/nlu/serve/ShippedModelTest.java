package com.shopchat.nlu.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The e-commerce model that ships in the jar, loaded from the class path as the server loads it. */
@DisplayName("The shipped e-commerce intent model")
class ShippedModelTest {

  private static Vertx vertx;
  private static TransformerIntentRecognizer nlu;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    nlu = TransformerIntentRecognizer.load(vertx, ShippedModel.directory(), TransformerIntentRecognizer.options(8, 1, 1));
  }

  @AfterAll
  static void close() throws Exception {
    nlu.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String intent(String text) throws Exception {
    return nlu.parse(text, "en").await(30, TimeUnit.SECONDS).intent().intent();
  }

  @Test
  @DisplayName("knows all 27 bitext intents by their exact names plus the shop's conversational ones and oos")
  void hasTheRequiredIntents() {
    Set<String> labels = new TreeSet<>(nlu.labels());
    for (String required : List.of("cancel_order", "change_order", "change_shipping_address", "check_cancellation_fee",
        "check_invoice", "check_payment_methods", "check_refund_policy", "complaint", "contact_customer_service",
        "contact_human_agent", "create_account", "delete_account", "delivery_options", "delivery_period", "edit_account",
        "get_invoice", "get_refund", "newsletter_subscription", "payment_issue", "place_order", "recover_password",
        "registration_problems", "review", "set_up_shipping_address", "switch_account", "track_order", "track_refund",
        "greeting", "goodbye", "thanks", "affirm", "deny", "product_search", "product_question",
        "recommendation_request", "smalltalk", "oos")) {
      assertTrue(labels.contains(required), required + " missing from " + labels);
    }
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @DisplayName("reads shoppers' English and Chinese, typos included")
  @CsvSource(delimiter = '|', value = {
    "where is my order MT-100002?|track_order",
    "wher is my oder|track_order",
    "I want to cancel my order|cancel_order",
    "how long does delivery take to Berlin|delivery_period",
    "i want my money back|get_refund",
    "let me talk to a real person|contact_human_agent",
    "hello there|greeting",
    "thanks a lot!|thanks",
    "我的快递到哪了|track_order",
    "我要退款|get_refund",
    "转人工|contact_human_agent",
    "你好|greeting",
  })
  void understandsShoppers(String text, String expected) throws Exception {
    assertEquals(expected, intent(text));
  }

  @ParameterizedTest(name = "\"{0}\" is out of scope")
  @DisplayName("rejects obvious out-of-domain requests as oos")
  @CsvSource(delimiter = '|', value = {
    "what is the capital of australia",
    "can you write me a python script that sorts a list",
    "明天北京天气怎么样",
  })
  void rejectsOutOfScope(String text) throws Exception {
    assertEquals("oos", intent(text));
  }

  @Test
  @DisplayName("reports a stable 12-digit version and carries the metrics it was trained to")
  void versionAndMetrics() throws Exception {
    assertTrue(nlu.modelVersion().matches("[0-9a-f]{12}"), nlu.modelVersion());
    assertEquals(nlu.modelVersion(), ModelVersion.of(ShippedModel.directory()));
    assertTrue(java.nio.file.Files.isRegularFile(ShippedModel.directory().resolve("metrics.json")));
  }
}
