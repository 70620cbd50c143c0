package io.kstar.server;

/**
 * What one request may ask of the server. Beyond a cap the answer is 422 with the cap; a body over
 * {@code maxBodyBytes} is 413; a request that is not done within {@code timeLimitMillis} is 503 (and
 * one predicted to take longer is 422); at most {@code maxConcurrent} computations run at once in
 * each of the two lanes (cheap exact work, the rest), and a request that cannot start within
 * {@code queueWaitMillis} is 503 too, so memory stays bounded under load.
 */
public record Limits(
    long maxBodyBytes,
    int maxKMax,
    int maxTrials,
    long maxSamples,
    int maxParallelValues,
    long timeLimitMillis,
    int maxConcurrent,
    long queueWaitMillis) {

  public static Limits defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new Limits(64 * 1024, 4096, 200_000, 400_000_000L, 16, 15_000, Math.max(2, cores), 5_000);
  }

  public Limits withTimeLimit(long millis) {
    return new Limits(maxBodyBytes, maxKMax, maxTrials, maxSamples, maxParallelValues, millis, maxConcurrent,
        queueWaitMillis);
  }
}
