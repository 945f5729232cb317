package com.shopchat.nlu.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One locale's hand-written templates, parsed from a resource such as {@code nlu/corpus/templates-en.txt}.
 *
 * <pre>
 * # comment
 * &#64;slot city = Berlin | Munich      values of {city}; repeat the line to add more
 * &#64;opener = hi | please             put before request utterances now and then
 * &#64;closer = thanks | pls            put after them now and then
 * == track_order 45                     an intent and how many distinct utterances to make of it
 * == greeting 200 plain                 plain: short conversational turns, never given openers or closers
 * where is my (order|parcel) {order}    a template: (a|b|) picks one alternative, {slot} one slot value
 * </pre>
 */
record TemplateSet(String locale, Map<String, List<String>> slots, List<String> openers, List<String> closers,
                   List<IntentTemplates> intents) {

  /** The templates of one intent and how many distinct utterances the generator should make from them. */
  record IntentTemplates(String intent, int target, boolean plain, List<String> templates) {
  }

  static TemplateSet load(String locale, String resource) {
    InputStream in = TemplateSet.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("corpus resource missing: " + resource);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(locale, resource, reader.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TemplateSet parse(String locale, String source, List<String> lines) {
    Map<String, List<String>> slots = new LinkedHashMap<>();
    List<String> openers = new ArrayList<>();
    List<String> closers = new ArrayList<>();
    List<IntentTemplates> intents = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = source + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@slot ")) {
        String[] nameAndValues = assignment(line.substring(6), where);
        slots.computeIfAbsent(nameAndValues[0], k -> new ArrayList<>()).addAll(values(nameAndValues[1], where));
      } else if (line.startsWith("@opener")) {
        openers.addAll(values(assignment(line.substring(7), where)[1], where));
      } else if (line.startsWith("@closer")) {
        closers.addAll(values(assignment(line.substring(7), where)[1], where));
      } else if (line.startsWith("==")) {
        intents.add(header(line.substring(2).strip(), where));
      } else if (intents.isEmpty()) {
        throw new IllegalStateException(where + ": template before the first '== intent target' line");
      } else {
        intents.get(intents.size() - 1).templates().add(line);
      }
    }
    for (IntentTemplates intent : intents) {
      if (intent.templates().isEmpty()) {
        throw new IllegalStateException(source + ": intent " + intent.intent() + " has no templates");
      }
    }
    return new TemplateSet(locale, slots, openers, closers, intents);
  }

  private static String[] assignment(String text, String where) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      throw new IllegalStateException(where + ": expected 'name = value | value'");
    }
    return new String[] {text.substring(0, equals).strip(), text.substring(equals + 1)};
  }

  private static List<String> values(String text, String where) {
    List<String> values = new ArrayList<>();
    for (String value : text.split("\\|")) {
      if (!value.isBlank()) {
        values.add(value.strip());
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException(where + ": no values");
    }
    return values;
  }

  private static IntentTemplates header(String text, String where) {
    String[] parts = text.split("\\s+");
    if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("plain"))) {
      throw new IllegalStateException(where + ": expected '== intent target [plain]'");
    }
    int target;
    try {
      target = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": target is not a number: " + parts[1]);
    }
    return new IntentTemplates(parts[0], target, parts.length == 3, new ArrayList<>());
  }
}
