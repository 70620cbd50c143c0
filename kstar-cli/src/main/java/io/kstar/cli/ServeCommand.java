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
      description = "A file holding the bearer token every /v1, /metrics and /openapi.json request must carry"
          + " (Authorization: Bearer TOKEN). Required whenever --host is not a loopback address.")
  java.nio.file.Path tokenFile;

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "A host name requests may address besides loopback and --host (repeatable; e.g. behind a proxy).")
  java.util.List<String> allowHosts = new java.util.ArrayList<>();

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "An origin allowed to call the API from a browser (repeatable). Default: none.")
  java.util.List<String> corsOrigins = new java.util.ArrayList<>();

  @Option(names = "--no-access-log", description = "No access-log line per request on stderr.")
  boolean noAccessLog;


  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw InvalidInputException.of("--port", port, "must be an integer in [0, 65535]");
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
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    stop.await();
    return ExitCode.OK;
  }
}
