package io.kstar.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.catalog.CatalogReader;
import io.kstar.profile.ModelProfile;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An interrupt really stops work: Monte Carlo workers and the exact majority-vote sums end soon after
 * their caller is interrupted, with a CancellationException, and no worker thread outlives the call.
 * Each run here would take minutes uninterrupted; the waits are bounded polls, not timing thresholds.
 */
class CancellationTest {

  /** Runs {@code work} on a thread, interrupts it once {@code started} holds, and returns what it threw. */
  static Throwable interrupted(Runnable work, java.util.function.BooleanSupplier started) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "cancellation-test");
    t.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!started.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    t.interrupt();
    t.join(30_000);
    assertThat(t.isAlive()).as("the interrupted work ended").isFalse();
    return thrown.get();
  }

  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kstar-mc-") && t.isAlive())
        .count();
  }

  @Test
  void monteCarloWorkers_stopWhenTheCallerIsInterrupted() throws Exception {
    ModelProfile m = CatalogReader.embedded().require("model", "gpt5");
    MonteCarloEstimator mc = new MonteCarloEstimator(20_000_000, 1, 2);
    Throwable e = interrupted(() -> mc.estimate(m, 4, new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}),
        () -> workerThreads() == 2);
    assertThat(e).isInstanceOf(CancellationException.class);
    assertThat(workerThreads()).as("no Monte Carlo worker outlives the call").isZero();
  }

  @Test
  void oneMonteCarloWorker_inTheCallersThread_stopsToo() throws Exception {
    ModelProfile m = CatalogReader.embedded().require("model", "gpt5");
    MonteCarloEstimator mc = new MonteCarloEstimator(20_000_000, 1, 1);
    Throwable e = interrupted(() -> mc.estimate(m, 4, new int[] {1, 1024}), () -> true);
    assertThat(e).isInstanceOf(CancellationException.class);
  }

  @Test
  void exactMajorityVote_stopsWhenInterrupted() throws Exception {
    MajorityVote vote = new MajorityVote(new BetaDifficulty(2, 1), 61);
    Throwable e = interrupted(() -> vote.mean(MajorityVote.MAX_EXACT_K), () -> true);
    assertThat(e).isInstanceOf(CancellationException.class);
  }
}
