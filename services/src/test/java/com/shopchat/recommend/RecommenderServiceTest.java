package com.shopchat.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("RecommenderService")
class RecommenderServiceTest {

  private static RecommenderService service(Vertx vertx) {
    return new RecommenderService(vertx, new RecommenderTrainer(Fixture.settings()),
        Clock.fixed(Fixture.NOW, ZoneOffset.UTC));
  }

  @Test
  @DisplayName("Before the first training it answers an empty list.")
  void emptyBeforeFirstModel(Vertx vertx, VertxTestContext ctx) {
    service(vertx).recommend(Fixture.viewed(), RecommendationContext.none(), Strategy.HYBRID, 3)
        .onComplete(ctx.succeeding(recs -> ctx.verify(() -> {
          assertEquals(List.of(), recs);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Requests during a retrain use the old model; the new one serves once the retrain completes.")
  void atomicSwap(Vertx vertx, VertxTestContext ctx) {
    RecommenderService service = service(vertx);
    // The second data set makes TS0 the most popular item instead of HA0.
    List<BehaviourEvent> second = new java.util.ArrayList<>(Fixture.events());
    for (int u = 0; u < 300; u++) {
      second.add(Fixture.event("z" + u, EventType.VIEW, "TS0", 1));
    }
    Promise<TrainingInput> slowLoad = Promise.promise();
    service.retrain(new TrainingInput(Fixture.catalog(), Fixture.events()))
        .compose(first -> {
          Future<TrainingReport> retraining = service.retrain(() -> slowLoad.future());
          Future<TrainingReport> joined = service.retrain(() -> Future.failedFuture("must not be called"));
          ctx.verify(() -> assertTrue(retraining == joined, "a second retrain joins the running one"));
          return top(service).compose(during -> {
            ctx.verify(() -> assertEquals("HA0", during));
            slowLoad.complete(new TrainingInput(Fixture.catalog(), second));
            return retraining;
          });
        })
        .compose(report -> {
          ctx.verify(() -> assertEquals(40, report.products()));
          return top(service);
        })
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertEquals("TS0", after);
          service.close();
          ctx.completeNow();
        })));
  }

  private static Future<String> top(RecommenderService service) {
    return service.recommend(Fixture.viewed(), RecommendationContext.none(), Strategy.POPULARITY, 1)
        .map(recs -> recs.get(0).sku());
  }
}
