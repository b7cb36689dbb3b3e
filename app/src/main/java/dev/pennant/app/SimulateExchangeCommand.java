package dev.pennant.app;

import dev.pennant.simulator.ExchangeSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pennant simulate-exchange}: runs the local Binance-compatible exchange on 127.0.0.1 until Ctrl+C. The API
 * secret of {@code --api-key} is read from the console (no echo) or one line of standard input, never from arguments.
 */
@Command(name = "simulate-exchange", mixinStandardHelpOptions = true,
        description = "Run a local Binance-compatible exchange (spot + USD-M REST and streams) on 127.0.0.1, replaying"
                + " the recorded data. The API secret is read from the console or the first line of standard input.")
final class SimulateExchangeCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The shared Binance data folder (exchangeInfo/, spot/, futures-um/).")
    Path data;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port on 127.0.0.1; 0 = any free port (default).")
    int port;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "Replay speed: recorded ms per wall ms (1 = real time, 60 = a 1m bar per second; default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--replay-start", paramLabel = "INSTANT", description = "Recorded time to start at, e.g. 2021-05-18T00:00:00Z.")
    Instant replayStart;

    @Option(names = "--max-connection-age", defaultValue = "86400", paramLabel = "SECONDS",
            description = "Close each stream connection after this many seconds of wall time, as Binance does at the "
                    + "24 hour mark (default ${DEFAULT-VALUE}); a few seconds exercises the client's reconnects.")
    long maxConnectionAgeSeconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--api-key", required = true, paramLabel = "KEY", description = "Test API key the simulator accepts.")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        if (maxConnectionAgeSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-connection-age must be a positive number of seconds, was " + maxConnectionAgeSeconds);
        }
        char[] secret;
        try {
            secret = SecretInput.system().read("API secret for " + apiKey);
        } catch (SecretInput.InputException e) {
            System.err.println("simulate-exchange: " + e.getMessage());
            return 2;
        }
        ExchangeSimulator sim;
        try {
            ExchangeSimulator.Builder b = ExchangeSimulator.builder().dataDir(data).port(port).speed(speed)
                    .maxConnectionAge(java.time.Duration.ofSeconds(maxConnectionAgeSeconds)).apiKey(apiKey, secret);
            if (replayStart != null) b.replayStart(replayStart);
            sim = b.start();
        } finally {
            Arrays.fill(secret, '\0');
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "simulate-exchange-shutdown"));
        System.out.println("REST (spot + USD-M): " + sim.baseUrl());
        System.out.println("spot streams:        " + sim.wsBaseUrl());
        System.out.println("USD-M streams:       " + sim.futuresWsBaseUrl());
        System.out.print(sim.describe());
        System.out.println("Ctrl+C to stop.");
        System.out.flush();
        stop.await();
        return 0;
    }
}
