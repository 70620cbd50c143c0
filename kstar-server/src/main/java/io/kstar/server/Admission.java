package io.kstar.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where computations wait and run: two lanes (cheap exact work, the rest), each with a fixed number of worker
 * threads taking jobs first come, first served from one queue. No HTTP thread waits for a slot or for the work: a
 * request's answer is a future that a worker completes.
 *
 * <p>Every job carries two deadlines. It must <em>start</em> within the queue wait (else 503 with Retry-After, at
 * the deadline, not when a worker gets to it), and it must <em>finish</em> within the time limit once started
 * (else 503 and its worker is interrupted; the slot stays taken until the work really stops). A job is refused at
 * once, before it queues, when the work already ahead of it (queued, and what is left of the running jobs'
 * predictions) could not let it start within the queue wait: a client learns in microseconds what it would otherwise
 * learn at the deadline.
 *
 * <p>Predictions learn from what the work really took: each kind of request (operation, estimator, accuracy model,
 * policies) has a correction, the exponentially weighted mean of log(measured / predicted) over its jobs (weight
 * {@link #LEARNING_RATE}; predictions under {@link #MIN_LEARNED_SECONDS} are not learned from, their run time being
 * mostly fixed costs), bounded to [1/{@link #MAX_CORRECTION}, {@link #MAX_CORRECTION}].
 */
final class Admission implements AutoCloseable {
  /** Weight of the newest measurement in a kind's correction. */
  static final double LEARNING_RATE = 0.3;
  /** Predictions shorter than this are not learned from. */
  static final double MIN_LEARNED_SECONDS = 0.005;
  /** The largest factor a correction may reach either way. */
  static final double MAX_CORRECTION = 64;
  /** The most jobs one lane holds waiting; beyond it a request is refused at once (503). */
  static final int MAX_QUEUED = 256;

  /** A job refused before it ran: the message and the seconds a client should wait (0: a retry fails the same). */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int retryAfterSeconds;

    Busy(String message, int retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  private final long queueWaitMillis;
  private final long timeLimitMillis;
  private final ScheduledExecutorService timer;
  private final Map<String, Double> logCorrection = new ConcurrentHashMap<>();
  final Lane heavy;
  final Lane cheap;
  /** Tests only: runs in the worker before the work, with the lane's name. */
  volatile Consumer<String> beforeWork = lane -> { };
  /** Called with (lane, outcome) whenever a job is refused or ends: for the service's meters. */
  private final Consumer<String> refusals;

  Admission(int slotsPerLane, long queueWaitMillis, long timeLimitMillis, Consumer<String> refusals) {
    this.queueWaitMillis = queueWaitMillis;
    this.timeLimitMillis = timeLimitMillis;
    this.refusals = refusals;
    java.util.concurrent.ScheduledThreadPoolExecutor deadlines = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
        r -> {
          Thread t = new Thread(r, "kstar-deadlines");
          t.setDaemon(true);
          return t;
        });
    // a deadline that no longer matters leaves the queue at once: kept to its time, every answered request's job
    // (and its answer) would stay reachable for the queue wait and the time limit
    deadlines.setRemoveOnCancelPolicy(true);
    this.timer = deadlines;
    this.heavy = new Lane("heavy", slotsPerLane);
    this.cheap = new Lane("cheap", slotsPerLane);
  }

  /** The scheduler of deadlines, shared with the body reader's. */
  ScheduledExecutorService timer() {
    return timer;
  }

  /** The learned factor for a kind of request (1 until one of its jobs has run). */
  double correction(String kind) {
    return Math.exp(logCorrection.getOrDefault(kind, 0.0));
  }

  /** Whether a kind's correction has been learned from at least one run. */
  boolean learned(String kind) {
    return logCorrection.containsKey(kind);
  }

  /** Folds one measured run into its kind's correction. */
  void learn(String kind, double predictedSeconds, double measuredSeconds) {
    if (predictedSeconds < MIN_LEARNED_SECONDS || !(measuredSeconds > 0)) {
      return;
    }
    double observed = Math.log(measuredSeconds / predictedSeconds);
    double bound = Math.log(MAX_CORRECTION);
    logCorrection.compute(kind, (k, old) -> {
      double was = old == null ? 0 : old;
      return Math.max(-bound, Math.min(bound, was + LEARNING_RATE * (observed - was)));
    });
  }

  /**
   * Queues {@code work} in {@code lane}: {@code rawSeconds} is the uncorrected prediction (what is learned
   * against), {@code seconds} the corrected one (what the queue estimates with).
   */
  CompletableFuture<byte[]> submit(Lane lane, String kind, double rawSeconds, double seconds, Supplier<byte[]> work) {
    Job job = new Job(lane, kind, rawSeconds, seconds, work);
    synchronized (lane) {
      if (lane.closed) {
        throw new Busy("this server is shutting down: retry on another replica", 5);
      }
      double ahead = lane.secondsAhead();
      if (lane.queue.size() >= MAX_QUEUED || ahead * 1000 > queueWaitMillis) {
        refusals.accept("busy");
        int retry = (int) Math.max(1, Math.min(60, Math.ceil(ahead)));
        throw new Busy(String.format(java.util.Locale.ROOT, "the server is busy: about %.1f s of work is queued ahead"
            + " of this request in the %s lane, past its queue wait of %d ms; retry in %d s", ahead, lane.name,
            queueWaitMillis, retry), retry);
      }
      // the start deadline: a job still queued then is answered at once, and leaves the queue
      job.deadline = timer.schedule(() -> {
        synchronized (lane) {
          if (job.state != Job.QUEUED) {
            return;
          }
          job.state = Job.DONE;
          lane.queue.remove(job);
          lane.queuedSeconds -= job.seconds;
        }
        refusals.accept("busy");
        job.result.completeExceptionally(new Busy("the server is busy: every computation slot of the " + lane.name
            + " lane stayed taken for the queue wait of " + queueWaitMillis + " ms; retry shortly", 1));
      }, queueWaitMillis, TimeUnit.MILLISECONDS);
      lane.queue.addLast(job);
      lane.queuedSeconds += seconds;
      lane.notifyAll();
    }
    return job.result;
  }

  @Override
  public void close() {
    for (Lane lane : List.of(heavy, cheap)) {
      synchronized (lane) {
        lane.closed = true;
        lane.notifyAll();
      }
      lane.workers.forEach(Thread::interrupt);
    }
    timer.shutdownNow();
  }

  private static void cancel(java.util.concurrent.ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /** One request's computation and where it stands. */
  private static final class Job {
    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;

    final Lane lane;
    final String kind;
    final double rawSeconds;
    final double seconds;
    final Supplier<byte[]> work;
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    /** Guarded by the lane. */
    int state = QUEUED;
    long startedNanos;
    Thread worker;
    /** The pending deadline (to start, then to finish), cancelled once it no longer applies. */
    volatile java.util.concurrent.ScheduledFuture<?> deadline;

    Job(Lane lane, String kind, double rawSeconds, double seconds, Supplier<byte[]> work) {
      this.lane = lane;
      this.kind = kind;
      this.rawSeconds = rawSeconds;
      this.seconds = seconds;
      this.work = work;
    }
  }

  /** A lane: its queue (first come, first served) and the workers that take from it. */
  final class Lane {
    final String name;
    final int size;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final List<Job> running = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private double queuedSeconds;
    private boolean closed;

    Lane(String name, int size) {
      this.name = name;
      this.size = size;
      for (int i = 0; i < size; i++) {
        Thread t = new Thread(this::work, "kstar-compute-" + name);
        t.setDaemon(true);
        workers.add(t);
        t.start();
      }
    }

    /** Slots free now. */
    synchronized int free() {
      return size - running.size();
    }

    /** Whether a job of {@code kind} waits or runs in this lane now. */
    synchronized boolean holds(String kind) {
      return queue.stream().anyMatch(j -> j.kind.equals(kind)) || running.stream().anyMatch(j -> j.kind.equals(kind));
    }

    /** Jobs waiting now. */
    synchronized int queued() {
      return queue.size();
    }

    /**
     * Seconds a new job would wait for a slot: 0 with a slot free and no queue, else the predicted work queued and
     * left of the running jobs, shared over the slots (guarded by this).
     */
    private double secondsAhead() {
      if (running.size() < size && queue.isEmpty()) {
        return 0;
      }
      double left = queuedSeconds;
      long now = System.nanoTime();
      for (Job j : running) {
        left += Math.max(0, j.seconds - (now - j.startedNanos) / 1e9);
      }
      return left / size;
    }

    private void work() {
      while (true) {
        Job job;
        synchronized (this) {
          while (queue.isEmpty() && !closed) {
            try {
              wait();
            } catch (InterruptedException e) {
              if (closed) {
                return;
              }
            }
          }
          if (closed) {
            return;
          }
          job = queue.pollFirst();
          queuedSeconds -= job.seconds;
          if (queue.isEmpty()) {
            queuedSeconds = 0; // no drift from the sums
          }
          job.state = Job.RUNNING;
          job.startedNanos = System.nanoTime();
          job.worker = Thread.currentThread();
          running.add(job);
        }
        Thread.interrupted(); // a time-out's interrupt meant for the last job
        cancel(job.deadline);
        job.deadline = timer.schedule(() -> timeOut(job), timeLimitMillis, TimeUnit.MILLISECONDS);
        byte[] answer = null;
        Throwable failed = null;
        try {
          beforeWork.accept(name);
          answer = job.work.get();
        } catch (Throwable e) {
          failed = e;
        }
        double measured = (System.nanoTime() - job.startedNanos) / 1e9;
        boolean mine;
        synchronized (this) {
          running.remove(job);
          mine = job.state == Job.RUNNING;
          job.state = Job.DONE;
          Thread.interrupted();
        }
        cancel(job.deadline);
        learn(job.kind, job.rawSeconds, measured);
        if (mine) {
          if (failed != null) {
            job.result.completeExceptionally(failed);
          } else {
            job.result.complete(answer);
          }
        }
      }
    }

    /** The time limit passed: the client is answered now, and the work is interrupted (its slot frees when it stops). */
    private void timeOut(Job job) {
      synchronized (this) {
        if (job.state != Job.RUNNING) {
          return;
        }
        job.state = Job.DONE; // still in running: the slot is held until the work stops
        job.worker.interrupt();
      }
      refusals.accept("time_limit");
      job.result.completeExceptionally(new TimedOut(job.seconds));
    }
  }

  /** The time limit passed while the work ran. */
  static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final double predictedSeconds;

    TimedOut(double predictedSeconds) {
      super("timed out", null, false, false);
      this.predictedSeconds = predictedSeconds;
    }
  }
}
