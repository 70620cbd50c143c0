package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admission's queues, deadlines and learned corrections, without HTTP. */
class AdmissionTest {

  /** A job that holds its slot until {@code release} (interruptible), after saying it started. */
  static byte[] hold(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    return new byte[0];
  }

  @Test
  void jobsStartFirstComeFirstServed() throws Exception {
    try (Admission a = new Admission(1, 30_000, 30_000, reason -> { })) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<byte[]> first = a.submit(a.heavy, "k", 0, 0, () -> hold(started, release));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      List<Integer> order = new CopyOnWriteArrayList<>();
      List<CompletableFuture<byte[]>> rest = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        rest.add(a.submit(a.heavy, "k", 0, 0, () -> {
          order.add(n);
          return new byte[0];
        }));
      }
      assertThat(a.heavy.queued()).isEqualTo(20);
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }
  }

  /** A job still waiting at its start deadline is answered then (503), not whenever a slot frees. */
  @Test
  void aJobThatCannotStartInTime_isAnsweredAtItsDeadline() throws Exception {
    List<String> refusals = new CopyOnWriteArrayList<>();
    try (Admission a = new Admission(1, 200, 30_000, refusals::add)) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      a.submit(a.heavy, "k", 0, 0, () -> hold(started, release));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<byte[]> waiting = a.submit(a.heavy, "k", 0, 0, () -> new byte[0]);
      assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(Admission.Busy.class).hasMessageContaining("queue wait of 200 ms");
      assertThat(a.heavy.queued()).as("it left the queue").isZero();
      assertThat(a.heavy.free()).as("the slot is still held").isZero();
      assertThat(refusals).containsExactly("busy");
      release.countDown();
    }
  }

  /**
   * A job behind more predicted work than the queue wait is refused before it queues, with a Retry-After from the
   * work ahead: 10 s of work in the one slot, a queue wait of 1 s.
   */
  @Test
  void aJobBehindTooMuchWork_isRefusedAtOnce_withTheWaitItWouldHaveHad() throws Exception {
    try (Admission a = new Admission(1, 1_000, 30_000, reason -> { })) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      a.submit(a.heavy, "k", 10, 10, () -> hold(started, release));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> a.submit(a.heavy, "k", 0.01, 0.01, () -> new byte[0]))
          .isInstanceOf(Admission.Busy.class).hasMessageContaining("queued ahead")
          .satisfies(e -> assertThat(((Admission.Busy) e).retryAfterSeconds).isBetween(9, 10));
      assertThat((System.nanoTime() - t0) / 1e9).as("refused without waiting").isLessThan(0.5);
      // the other lane is untouched
      assertThat(a.submit(a.cheap, "k", 0.01, 0.01, () -> new byte[] {1}).get(10, TimeUnit.SECONDS)).containsExactly(1);
      release.countDown();
    }
  }

  /** Past the time limit the client is answered and the work interrupted; the slot frees when the work stops. */
  @Test
  void aJobPastTheTimeLimit_isInterrupted_andItsSlotFrees() throws Exception {
    try (Admission a = new Admission(1, 30_000, 200, reason -> { })) {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<byte[]> slow = a.submit(a.heavy, "k", 0.1, 0.1, () -> hold(started, new CountDownLatch(1)));
      assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(Admission.TimedOut.class);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (a.heavy.free() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(a.heavy.free()).isEqualTo(1);
      assertThat(a.submit(a.heavy, "k", 0, 0, () -> new byte[] {2}).get(10, TimeUnit.SECONDS)).containsExactly(2);
    }
  }

  /**
   * The correction is an exponentially weighted mean of log(measured / predicted): after n runs that each took
   * 20 times the prediction it is 20^(1 − 0.7^n); it is bounded at 64 either way, kept per kind, and short
   * predictions are not learned from.
   */
  @Test
  void theCorrection_learnsFromMeasuredRuns_perKind() throws Exception {
    try (Admission a = new Admission(1, 1_000, 1_000, reason -> { })) {
      assertThat(a.correction("plan")).isEqualTo(1.0);
      for (int n = 1; n <= 5; n++) {
        a.learn("plan", 0.1, 2.0);
        assertThat(a.correction("plan")).isCloseTo(Math.pow(20, 1 - Math.pow(0.7, n)), within(1e-12));
      }
      assertThat(a.correction("curve")).as("another kind").isEqualTo(1.0);
      for (int n = 0; n < 100; n++) {
        a.learn("curve", 0.01, 100);
        a.learn("compare", 10, 0.001);
      }
      assertThat(a.correction("curve")).isCloseTo(64, within(1e-9));
      assertThat(a.correction("compare")).isCloseTo(1 / 64.0, within(1e-12));
      a.learn("tiny", Admission.MIN_LEARNED_SECONDS / 2, 1);
      assertThat(a.correction("tiny")).isEqualTo(1.0);
    }
  }

  /** A real run feeds its kind's correction: the worker measures what the work took. */
  @Test
  void aRunTeachesItsKind() throws Exception {
    try (Admission a = new Admission(1, 1_000, 10_000, reason -> { })) {
      a.submit(a.heavy, "sleepy", 0.01, 0.01, () -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new byte[0];
      }).get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (a.correction("sleepy") == 1.0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      // at least 200 ms measured against 10 ms predicted: 0.3·ln(20) or more
      assertThat(Math.log(a.correction("sleepy"))).isGreaterThanOrEqualTo(0.3 * Math.log(20) - 1e-9);
    }
  }
}
