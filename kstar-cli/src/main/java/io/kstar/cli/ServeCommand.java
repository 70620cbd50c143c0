package io.kstar.cli;

import io.kstar.input.InvalidInputException;
import io.kstar.server.KstarServer;
import io.kstar.server.Limits;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kstar serve}: the planning API and the explorer page. */
@Command(name = "serve", modelTransformer = RequestOptions.Sources.class, mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the JSON API under /v1 and the interactive explorer at / (loopback only unless --host says otherwise).")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(names = "--time-limit-ms", paramLabel = "MS", description = "Per-request time limit. Default: 15000.")
  Long timeLimit;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding the bearer token every request must carry but /livez, /readyz and the explorer's"
          + " page and files (Authorization: Bearer TOKEN). Required whenever --host is not a loopback address.")
  java.nio.file.Path tokenFile;

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "A host name requests may address besides loopback and --host (repeatable; e.g. behind a proxy).")
  java.util.List<String> allowHosts = new java.util.ArrayList<>();

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "An origin allowed to call the API from a browser (repeatable). Default: none.")
  java.util.List<String> corsOrigins = new java.util.ArrayList<>();

  @Option(names = "--no-access-log", description = "No access-log line per request on stderr.")
  boolean noAccessLog;

  @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "On SIGTERM or Ctrl-C: turn unready (/readyz 503), refuse new requests, let those in flight finish"
          + " for up to this long, then exit 0. Default: ${DEFAULT-VALUE}.")
  double shutdownTimeout;


  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw InvalidInputException.of("--port", port, "must be an integer in [0, 65535]");
    }
    if (!(shutdownTimeout >= 0 && shutdownTimeout <= 3600)) {
      throw InvalidInputException.of("--shutdown-timeout", shutdownTimeout, "must be a number of seconds in [0, 3600]");
    }
    Limits limits = timeLimit == null ? Limits.defaults() : Limits.defaults().withTimeLimit(timeLimit);
    if (limits.timeLimitMillis() < 1) {
      throw InvalidInputException.of("--time-limit-ms", timeLimit, "must be a positive number of milliseconds");
    }
    java.util.Optional<String> token = java.util.Optional.empty();
    if (tokenFile != null) {
      try {
        String t = java.nio.file.Files.readString(tokenFile).strip();
        if (t.length() < 16 || t.chars().anyMatch(Character::isWhitespace)) {
          throw InvalidInputException.of("--token-file", tokenFile, "must hold one token of at least 16 characters,"
              + " without spaces");
        }
        token = java.util.Optional.of(t);
      } catch (java.io.IOException e) {
        throw InvalidInputException.of("--token-file", tokenFile, "must be a readable file");
      }
    } else if (!io.kstar.server.Access.isLoopback(host)) {
      throw InvalidInputException.of("--host", host, "is not a loopback address, so --token-file is required: every"
          + " request from the network must carry a bearer token");
    }
    for (String origin : corsOrigins) {
      // an origin as browsers send it: scheme, host and an optional port, nothing after
      if (!origin.matches("https?://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")) {
        throw InvalidInputException.of("--cors-origin", origin, "must be an origin as a browser sends it: http:// or"
            + " https://, a host and an optional port, with no path or trailing slash (e.g. https://app.example.com)");
      }
    }
    var access = new io.kstar.server.Access(token, allowHosts, corsOrigins, !noAccessLog);
    KstarServer server = new KstarServer(RequestOptions.catalog(spec), RequestOptions.catalogSource(spec),
        RequestOptions.scenarios(spec), limits, access);
    int bound;
    try {
      bound = server.start(host, port);
    } catch (RuntimeException e) {
      server.close();
      throw InvalidInputException.of("--port", port, "could not be bound on " + host + " (in use, or not allowed): "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
    var err = spec.commandLine().getErr();
    err.println("kstar: serving on http://" + host + ":" + bound + "/ (explorer), API under /v1, OpenAPI at /openapi.json; Ctrl-C stops");
    err.flush();
    // SIGTERM and SIGINT start a graceful stop on this thread, which then exits 0; any other exit closes at once
    CountDownLatch stop = new CountDownLatch(1);
    for (String signal : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.countDown());
      } catch (IllegalArgumentException e) {
        // a signal this platform does not have: the shutdown hook below still closes the server
      }
    }
    Thread hook = new Thread(server::close);
    Runtime.getRuntime().addShutdownHook(hook);
    stop.await();
    err.println("kstar: stopping: unready, " + server.inFlight() + " request(s) in flight, waiting up to "
        + io.kstar.input.Check.fmt(shutdownTimeout) + " s");
    err.flush();
    int left = server.shutdown(java.time.Duration.ofMillis(Math.round(shutdownTimeout * 1000)));
    err.println(left == 0 ? "kstar: stopped" : "kstar: stopped with " + left + " request(s) unfinished at the deadline");
    err.flush();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return ExitCode.OK;
  }
}
