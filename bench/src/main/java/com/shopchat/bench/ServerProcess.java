package com.shopchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running as a child JVM: its CPU time and resident memory read from {@code /proc}, JFR
 * started and dumped through {@code jcmd}, and always stopped (SIGTERM, then SIGKILL) when closed.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final long startedNanos;
  private final Path log;
  /** Further nodes of the same server (a cluster): their CPU and memory count with this one's. */
  private final List<ServerProcess> others = new java.util.ArrayList<>();

  private ServerProcess(Process process, long startedNanos, Path log) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.log = log;
  }

  /** Adds another node of the same server: CPU and memory are summed, closing closes it too; JFR stays on this one. */
  ServerProcess with(ServerProcess node) {
    others.add(node);
    return this;
  }

  /** Starts the command with the extra environment, its output to {@code log}; the clock starts just before. */
  static ServerProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    long started = System.nanoTime();
    return new ServerProcess(builder.start(), started, log);
  }

  long pid() {
    return process.pid();
  }

  long startedNanos() {
    return startedNanos;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive() && others.stream().allMatch(ServerProcess::alive);
  }

  /** User + system CPU seconds the child has used so far, all its threads together. */
  double cpuSeconds() {
    return ownCpuSeconds() + others.stream().mapToDouble(ServerProcess::cpuSeconds).sum();
  }

  private double ownCpuSeconds() {
    return HostCpu.processSeconds(pid());
  }

  /** Resident memory now ({@code VmRSS}) in MiB. */
  double rssMib() {
    return statusKib("VmRSS:") / 1024.0 + others.stream().mapToDouble(ServerProcess::rssMib).sum();
  }

  /** The highest resident memory so far ({@code VmHWM}) in MiB. */
  double peakRssMib() {
    return statusKib("VmHWM:") / 1024.0 + others.stream().mapToDouble(ServerProcess::peakRssMib).sum();
  }

  private long statusKib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone: reported as -1 rather than failing the run's report.
    }
    return -1;
  }

  /** Starts a JFR recording named {@code bench} with the profiling settings (method samples every 10-20 ms). */
  void jfrStart() throws Exception {
    jcmd("JFR.start", "name=bench", "settings=profile");
  }

  /** Stops the recording and writes it to {@code file}. */
  void jfrStop(Path file) throws Exception {
    jcmd("JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
  }

  private void jcmd(String... args) throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Path jcmd = java.resolveSibling("jcmd");
    List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
  }

  /** SIGTERM (the server's shutdown hook closes Vert.x), then SIGKILL if it is still there after 20 s. */
  @Override
  public void close() {
    others.forEach(ServerProcess::close);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
