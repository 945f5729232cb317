package com.shopchat.nlu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Offline model loading")
class OfflineModelLoadingTest {

  private static final String TEXT = "where is my order";

  /**
   * A fresh JVM is the only honest way to start from an empty cache: the engine loads its natives once per
   * JVM, and DJL reads {@code DJL_CACHE_DIR} from the environment before system properties. The child runs
   * with offline mode on and every HTTP(S) proxy pointed at a closed port, so an attempted download would
   * fail the run; afterwards each file in the cache must be a byte-identical copy (size and CRC-32) of an
   * entry in a DJL jar on the classpath, so nothing in it came from anywhere else.
   */
  @Test
  @DisplayName("A fresh JVM with an empty DJL cache and no network starts PyTorch from the classpath jars, loads a saved model and predicts.")
  void loadsFromEmptyCacheWithoutDownloading(@TempDir Path modelDir, @TempDir Path cache, @TempDir Path logs)
      throws Exception {
    IntentModel trained = IntentFixture.model();
    trained.save(modelDir);
    Properties report = runProbe(modelDir, cache, logs.resolve("probe.log"));

    assertEquals("PyTorch", report.getProperty("engine"));
    assertEquals("true", report.getProperty("offline"));
    assertEquals(cache.toString(), report.getProperty("cacheDir"));
    assertTrue(Path.of(report.getProperty("libtorch")).startsWith(cache), report.getProperty("libtorch"));
    assertEquals(trained.predict(TEXT).get(0).intent(), report.getProperty("intent"));
    List<Path> cached = filesUnder(cache);
    assertTrue(cached.stream().anyMatch(p -> p.getFileName().toString().equals("libtorch_cpu.so")), cached.toString());
    Set<String> jarEntries = djlJarEntries();
    for (Path file : cached) {
      assertTrue(jarEntries.contains(fingerprint(Files.size(file), crc(file))),
          file + " is not a copy of any entry in the DJL jars on the classpath");
    }
  }

  private static Properties runProbe(Path modelDir, Path cache, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true",
        "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9", "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
        OfflineLoadProbe.class.getName(), modelDir.toString(), TEXT);
    Map<String, String> env = builder.environment();
    env.put("DJL_CACHE_DIR", cache.toString());
    env.put("ENGINE_CACHE_DIR", cache.toString());
    env.put("DJL_OFFLINE", "true");
    builder.redirectError(log.toFile());
    Process process = builder.start();
    Properties report = new Properties();
    try (InputStream out = process.getInputStream()) {
      report.load(out);
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    assertEquals(0, process.exitValue(), () -> "probe failed:\n" + readQuietly(log));
    return report;
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Size and CRC-32 of every entry of every DJL jar on the classpath, read from the jars' directories. */
  private static Set<String> djlJarEntries() throws IOException {
    Set<String> entries = new HashSet<>();
    List<URL> manifests = Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"));
    List<String> jars = new ArrayList<>();
    for (URL manifest : manifests) {
      if (manifest.getProtocol().equals("jar") && manifest.getPath().contains("/ai/djl/")) {
        jars.add(((JarURLConnection) manifest.openConnection()).getJarFileURL().getPath());
      }
    }
    assertTrue(jars.size() >= 4, "DJL jars on the classpath: " + jars);
    for (String jar : jars) {
      try (JarFile file = new JarFile(jar)) {
        file.stream().forEach(e -> entries.add(fingerprint(e.getSize(), e.getCrc())));
      }
    }
    return entries;
  }

  private static String fingerprint(long size, long crc) {
    return size + ":" + crc;
  }

  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
