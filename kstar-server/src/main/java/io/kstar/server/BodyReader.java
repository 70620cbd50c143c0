package io.kstar.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads a request body without holding a thread while it arrives (the servlet's non-blocking reads): a client
 * that sends its body slowly, or not at all, costs a connection and a buffer, never one of the server's threads.
 * The body is cut at the limit while it streams (chunked bodies too), and must arrive whole within its deadline:
 * {@link #GRACE_MILLIS} plus its length (or the limit, when the length is not given) at
 * {@link KstarServer#MIN_BODY_BYTES_PER_SECOND}.
 */
final class BodyReader {
  /** Time a body always has, beside the time its length needs at the minimum rate. */
  static final long GRACE_MILLIS = 2_000;

  private BodyReader() {}

  /**
   * The body's bytes, or a failure: {@link KstarServer.BodyTooLarge}, a 408 when it arrives too slowly, the
   * client gone, or what {@code unreadable} makes of any other read error.
   */
  static CompletableFuture<byte[]> read(HttpServletRequest req, long limit, ScheduledExecutorService timer,
      Function<Throwable, RuntimeException> failure) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    long length = req.getContentLengthLong();
    if (length > limit) {
      done.completeExceptionally(new KstarServer.BodyTooLarge());
      return done;
    }
    if (length == 0) {
      done.complete(new byte[0]);
      return done;
    }
    long expected = length > 0 ? length : limit;
    long deadline = GRACE_MILLIS + expected * 1000 / KstarServer.MIN_BODY_BYTES_PER_SECOND;
    ScheduledFuture<?> slow = timer.schedule(() -> done.completeExceptionally(new KstarServer.Refused(408, "(body)",
        "arrived slower than " + KstarServer.MIN_BODY_BYTES_PER_SECOND + " bytes per second: send the body at once")),
        deadline, TimeUnit.MILLISECONDS);
    done.whenComplete((v, e) -> slow.cancel(false));
    ServletInputStream in;
    try {
      in = req.getInputStream();
    } catch (IOException e) {
      done.completeExceptionally(failure.apply(e));
      return done;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(expected, 64 * 1024));
    byte[] buffer = new byte[8192];
    in.setReadListener(new ReadListener() {
      @Override
      public void onDataAvailable() throws IOException {
        while (!done.isDone() && in.isReady()) {
          int n = in.read(buffer);
          if (n < 0) {
            return;
          }
          body.write(buffer, 0, n);
          if (body.size() > limit) {
            done.completeExceptionally(new KstarServer.BodyTooLarge());
            return;
          }
        }
      }

      @Override
      public void onAllDataRead() {
        done.complete(body.toByteArray());
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(failure.apply(t));
      }
    });
    return done;
  }
}
