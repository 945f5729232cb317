package com.shopchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by PostgreSQL's processes on this machine, and by the whole machine, read from
 * {@code /proc}: with the server's and the load generator's own, they account for where a phase's CPU went.
 * A backend that exits between two readings takes its CPU with it; the pool's connections live for the run.
 */
final class HostCpu {

  /** USER_HZ, the unit of the CPU times in {@code /proc}: 100 on every Linux ABI the JDK runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private HostCpu() {
  }

  /** User + system CPU seconds of every live process named {@code postgres}. */
  static double postgresSeconds() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
        .mapToDouble(HostCpu::postgresProcessSeconds).sum();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private static double postgresProcessSeconds(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("postgres") ? cpuSeconds(stat) : 0;
    } catch (IOException | RuntimeException e) {
      return 0; // exited meanwhile
    }
  }

  /** User + system CPU seconds of the process {@code pid}, all its threads together; NaN when it cannot be read. */
  static double processSeconds(long pid) {
    try {
      return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** utime + stime of a {@code /proc/<pid>/stat} line, in seconds. */
  private static double cpuSeconds(String stat) {
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** Busy CPU seconds of the whole machine, all cores summed ({@code /proc/stat}: everything but idle and iowait). */
  static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
