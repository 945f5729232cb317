package com.shopchat.abuse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * Values no well-formed request carries, drawn from a seeded generator so every run tries the same cases: wrong
 * JSON types, deep nesting, over-long and empty strings, control characters, injection strings.
 */
final class Fuzz {

  /** SQL, Lucene query syntax and markup, as a shopper or an admin might type them. */
  static final String[] INJECTIONS = {
    "'; DROP TABLE messages; --", "\" OR 1=1 --", "1; DELETE FROM knowledge_entries", "$1", "%' OR '%'='",
    "title:foo AND (*", "\\\"", "~", "^10", "*:*", "foo~2 AND bar^10", "(((", "[a TO z]", "/re.*gex/", "\\",
    "<script>window.__xss=1</script>", "<img src=x onerror=\"window.__xss=1\">", "{{7*7}}", "${jndi:ldap://x}",
    "\u202Eevil", "NaN", "null", "undefined", "../../etc/passwd"};

  private final Random random;

  Fuzz(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A value of a type or shape the field does not take (never JSON null, which means "absent"). */
  Object wrongValue() {
    return switch (random.nextInt(16)) {
      case 0 -> random.nextInt();
      case 1 -> -1 - random.nextInt(1000);
      case 2 -> random.nextDouble() * 1e6;
      case 3 -> random.nextBoolean();
      case 4 -> new JsonArray().add("x").add(1);
      case 5 -> new JsonObject().put("a", 1);
      case 6 -> nestedArray(1 + random.nextInt(60));
      case 7 -> "";
      case 8 -> " \t ";
      case 9 -> printable(65 + random.nextInt(300));
      case 10 -> pick(INJECTIONS);
      case 11 -> "x".repeat(2001 + random.nextInt(3000));
      case 12 -> Long.MAX_VALUE;
      case 13 -> 1e300;
      case 14 -> "a\u0000b";
      default -> new JsonArray().add(new JsonObject());
    };
  }

  /** {@code depth} arrays inside each other: {@code [[[…]]]}. */
  static JsonArray nestedArray(int depth) {
    JsonArray inner = new JsonArray();
    for (int i = 1; i < depth; i++) {
      inner = new JsonArray().add(inner);
    }
    return inner;
  }

  /** {@code depth} open brackets, then as many closing ones (or none), as raw text. */
  static String nestedText(int depth, boolean closed) {
    return "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
  }

  /** Random characters from the whole Basic Multilingual Plane and beyond, surrogates kept paired. */
  String printable(int length) {
    StringBuilder s = new StringBuilder(length);
    while (s.length() < length) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> 0x20 + random.nextInt(0x5F);
        case 1 -> 0x4E00 + random.nextInt(0x5000);
        case 2 -> 0x1F300 + random.nextInt(0x300);
        default -> 0xA0 + random.nextInt(0xD700 - 0xA0);
      };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  /** Text that is not JSON, or not a JSON object: cut-off objects, scalars, noise. */
  String notAnObject(String valid) {
    return switch (random.nextInt(5)) {
      case 0 -> valid.substring(0, 1 + random.nextInt(Math.max(1, valid.length() - 1)));
      case 1 -> pick(new String[] {"1", "\"hello\"", "null", "true", "[]", "[{}]", "", " ", "{", "}", "{}}"});
      case 2 -> printable(1 + random.nextInt(200));
      case 3 -> valid.replace(':', '=');
      default -> "[" + valid + "]";
    };
  }
}
