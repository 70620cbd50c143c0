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
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the JSON API under /v1 and the interactive explorer at / (loopback only unless --host says otherwise).")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(names = "--time-limit-ms", paramLabel = "MS", description = "Per-request time limit. Default: 15000.")
  Long timeLimit;

  @Mixin InputOptions input;

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
    KstarServer server = new KstarServer(input.catalog(), input.catalogSource(), input.scenarioList(), limits);
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
