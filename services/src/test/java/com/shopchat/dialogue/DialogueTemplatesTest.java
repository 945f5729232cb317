package com.shopchat.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reply templates: both languages say the same things, with the same values filled in. */
@DisplayName("The reply templates")
class DialogueTemplatesTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private final Replies replies = Replies.load();

  @Test
  @DisplayName("have every key in English and Chinese (colour names are Chinese-only)")
  void sameKeys() {
    Set<String> en = new TreeSet<>(replies.keys("en"));
    Set<String> zh = new TreeSet<>(replies.keys("zh"));
    zh.removeIf(k -> k.startsWith("color."));
    assertEquals(en, zh);
  }

  @Test
  @DisplayName("name the same placeholders in both languages")
  void samePlaceholders() {
    for (String key : replies.keys("en")) {
      assertEquals(placeholders(replies.get("en", key)), placeholders(replies.get("zh", key)), key);
    }
  }

  @Test
  @DisplayName("fill in named values, fall back to English for an unknown locale, and refuse unknown keys")
  void fillsIn() {
    assertEquals("Order MT-1 was cancelled.", replies.get("en", "order.cancelled", "order", "MT-1"));
    assertEquals("订单 MT-1 已取消。", replies.get("zh", "order.cancelled", "order", "MT-1"));
    assertEquals("Order MT-1 was cancelled.", replies.get("fr", "order.cancelled", "order", "MT-1"));
    assertThrows(IllegalArgumentException.class, () -> replies.get("en", "no.such.key"));
    assertEquals("teal", replies.getOrDefault("en", "color.teal", "teal"));
    assertTrue(replies.get("zh", "greeting").startsWith("您好"));
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
