package com.shopchat.nlu.cli;

import com.shopchat.demo.DemoShop;
import com.shopchat.nlu.entity.CatalogEntityIndex;
import com.shopchat.nlu.entity.CatalogItem;
import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.entity.EntityExtractor;
import com.shopchat.nlu.eval.EntityEvaluation;
import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs the entity extractor over labelled data and scores it, for {@code nlu entities} and {@code nlu evaluate}. */
final class EntityScoring {

  private EntityScoring() {
  }

  /**
   * The entity scores of {@code data} with the catalog in {@code catalogFile} (products as JSON Lines), or the
   * demo shop's when null, plus the mean extraction time per utterance on one thread.
   * Up to {@code showErrors} misses and false alarms are printed to {@code err}.
   */
  static JsonObject score(List<LabeledText> data, Path catalogFile, int showErrors, PrintWriter err)
    throws DatasetException {
    List<CatalogItem> items = catalogFile == null
      ? DemoShop.load().products().stream().map(CatalogItem::fromJson).toList()
      : readCatalog(catalogFile);
    try (CatalogEntityIndex catalog = CatalogEntityIndex.build(items)) {
      EntityExtractor extractor = EntityExtractor.create(catalog);
      List<List<Entity>> predicted = extractAll(extractor, data);
      // The fastest of three more passes: the first ran with a cold JIT, and the machine may be busy.
      long fastest = Long.MAX_VALUE;
      for (int pass = 0; pass < 3; pass++) {
        long started = System.nanoTime();
        extractAll(extractor, data);
        fastest = Math.min(fastest, System.nanoTime() - started);
      }
      double micros = fastest / 1e3 / Math.max(1, data.size());
      if (showErrors > 0) {
        printErrors(data, predicted, showErrors, err);
      }
      return EntityEvaluation.evaluate(data, predicted)
        .put("entityCatalogProducts", items.size())
        .put("entityMicrosPerUtterance", Math.round(micros * 10) / 10.0);
    }
  }

  private static List<List<Entity>> extractAll(EntityExtractor extractor, List<LabeledText> data) {
    List<List<Entity>> out = new ArrayList<>(data.size());
    for (LabeledText example : data) {
      out.add(extractor.extract(example.text()));
    }
    return out;
  }

  private static List<CatalogItem> readCatalog(Path file) throws DatasetException {
    return IntentDataset.readJsonLines(file, (json, where) -> {
      try {
        return CatalogItem.fromJson(json);
      } catch (RuntimeException e) {
        throw new DatasetException(where + "not a product with \"sku\" and \"title\"");
      }
    });
  }

  /** Labelled entities that were not found, and found ones that were not labelled (scored types only). */
  private static void printErrors(List<LabeledText> data, List<List<Entity>> predicted, int limit, PrintWriter err) {
    Set<String> scored = new HashSet<>();
    data.forEach(e -> e.entities().forEach(g -> scored.add(EntityEvaluation.typeOf(g.type()))));
    int shown = 0;
    for (int i = 0; i < data.size() && shown < limit; i++) {
      // Against the trimmed labels: a label running past the text is the data's mistake, not the extractor's.
      List<String> gold = EntityEvaluation.trimmed(data.get(i)).entities().stream()
        .map(g -> EntityEvaluation.typeOf(g.type()) + "[" + g.start() + "," + g.end() + ")").toList();
      List<String> found = predicted.get(i).stream().filter(p -> scored.contains(p.type()))
        .map(p -> p.type() + "[" + p.start() + "," + p.end() + ")").toList();
      if (!gold.equals(found)) {
        err.printf("%s%n  labelled %s%n  found    %s%n", data.get(i).text(), describe(data.get(i).text(),
          data.get(i).entities()), describe(data.get(i).text(), predicted.get(i)));
        shown++;
      }
    }
    err.flush();
  }

  private static String describe(String text, List<Entity> entities) {
    return entities.stream().map(e -> e.type() + " '" + text.substring(e.start(), Math.min(e.end(), text.length()))
      + "'=" + e.value() + " [" + e.start() + "," + e.end() + ")").toList().toString();
  }
}
