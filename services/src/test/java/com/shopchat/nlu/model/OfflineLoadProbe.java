package com.shopchat.nlu.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link OfflineModelLoadingTest}: starts PyTorch, loads a saved model, predicts once
 * and prints {@code key=value} lines describing where everything came from.
 */
public final class OfflineLoadProbe {

  private OfflineLoadProbe() {
  }

  public static void main(String[] args) throws Exception {
    Engine engine = Engine.getEngine(IntentModel.ENGINE);
    try (IntentModel model = IntentModel.load(Path.of(args[0]))) {
      IntentScore top = model.predict(args[1]).get(0);
      System.out.println("engine=" + engine.getEngineName());
      System.out.println("engineVersion=" + engine.getVersion());
      System.out.println("offline=" + Utils.isOfflineMode());
      System.out.println("cacheDir=" + Utils.getCacheDir());
      System.out.println("libtorch=" + LibUtils.getLibtorchPath());
      System.out.println("intent=" + top.intent());
      System.out.println("confidence=" + top.confidence());
    }
  }
}
