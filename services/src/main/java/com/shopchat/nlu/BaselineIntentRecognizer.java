package com.shopchat.nlu;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A rule-based stand-in for the transformer: recognises the few conversational intents by pattern and
 * treats everything else as a question for the knowledge base, which then decides whether it can answer.
 * It is cheap enough (a handful of regexes) to run inline.
 */
public final class BaselineIntentRecognizer implements IntentRecognizer {

  private record Rule(String intent, Pattern pattern, float confidence) {}

  // Greetings, thanks and goodbyes count only when they are the whole message ("hi, where is my order"
  // is a question); asking for a person counts anywhere in it.
  private static final String TAIL = "[\\s!.,。！，~]*(there|team|bot|all|everyone|again)?[\\s!.,。！，~]*";
  private static final List<Rule> RULES = List.of(
    new Rule(Understanding.HUMAN, Pattern.compile(
      "\\b(human|real person|live (agent|chat|person)|(an?|your) agent|representative|operator|speak to (a|some)one"
        + "|talk to (a|some)one|talk to (a )?person|customer service rep)\\b|人工|真人|转客服|客服人员|找客服"), 0.9f),
    new Rule(Understanding.GREETING, Pattern.compile(
      "^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo|你好|您好|嗨|哈喽|早上好|晚上好)" + TAIL + "$"),
      0.95f),
    new Rule(Understanding.THANKS, Pattern.compile(
      "^(thanks?( you)?( (so|very) much)?( a lot)?|thx|ty|cheers|great,? thanks?|谢谢(你|您)?|多谢|感谢)" + TAIL + "$"),
      0.95f),
    new Rule(Understanding.GOODBYE, Pattern.compile(
      "^(bye|goodbye|bye bye|see you( later)?|that'?s all|have a (nice|good) day|再见|拜拜|回头见)" + TAIL + "$"),
      0.95f));

  private static final float FAQ_CONFIDENCE = 0.6f;

  @Override
  public Future<Understanding> understand(String text, String locale) {
    return Future.succeededFuture(classify(text));
  }

  /** The synchronous decision, for tests and callers already off the event loop. */
  public Understanding classify(String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(normalized).find()) {
        return new Understanding(rule.intent(), rule.confidence());
      }
    }
    return new Understanding(Understanding.FAQ, FAQ_CONFIDENCE);
  }
}
