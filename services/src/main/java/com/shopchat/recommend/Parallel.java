package com.shopchat.recommend;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a loop over 0..n-1 in blocks on a fork-join pool of a given size, so that training uses the cores it is
 * given and not the common pool that the rest of the JVM shares. Each block gets its own call, so a body can keep
 * per-block scratch arrays without locking.
 */
final class Parallel {

  /** The body of one block: items {@code from} (inclusive) to {@code to} (exclusive). */
  interface Block {
    void run(int from, int to);
  }

  private Parallel() {
  }

  static void forBlocks(int threads, int n, int blockSize, Block body) {
    int blocks = (n + blockSize - 1) / blockSize;
    if (threads <= 1 || blocks <= 1) {
      for (int b = 0; b < blocks; b++) {
        body.run(b * blockSize, Math.min(n, (b + 1) * blockSize));
      }
      return;
    }
    try (ForkJoinPool pool = new ForkJoinPool(threads)) {
      pool.submit(() -> IntStream.range(0, blocks).parallel()
          .forEach(b -> body.run(b * blockSize, Math.min(n, (b + 1) * blockSize)))).join();
    }
  }
}
