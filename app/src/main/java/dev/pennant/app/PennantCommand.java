package dev.pennant.app;

import dev.pennant.core.model.Interval;
import dev.pennant.ui.TerminalLauncher;
import dev.pennant.ui.TerminalOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code pennant} command: opens the terminal window, or runs a subcommand. */
@Command(name = "pennant", mixinStandardHelpOptions = true, version = "Pennant 0.1.0",
        description = "Binance trading terminal. Without a subcommand, opens the terminal window (PAPER mode).",
        defaultValueProvider = ClasspathDefaults.class,
        subcommands = {BacktestCommand.class, OptimizeCommand.class, PaperCommand.class, BenchCommand.class, VaultCommand.class, SimulateExchangeCommand.class,
                ImportCommand.class, ExportCommand.class, BackupCommand.class, RestoreCommand.class, IntegrityCommand.class, AiCommand.class})
public final class PennantCommand implements Runnable {

    @Option(names = "--replay", paramLabel = "FILE|DIR",
            description = "Replay recorded Binance klines (a CSV/CSV.gz file or a folder) instead of live data.")
    Path replay;

    @Option(names = "--speed", defaultValue = "60", paramLabel = "N",
            description = "Replay speed as a multiple of real time; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--symbol", defaultValue = "BTCUSDT", description = "Symbol (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--interval", defaultValue = "1m", converter = IntervalConverter.class,
            description = "Bar interval, one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M (default: ${DEFAULT-VALUE}).")
    Interval interval;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database, logs).")
    Path dataDir;

    @Option(names = "--exchange-url", paramLabel = "URL",
            description = "Base REST URL of a Binance-compatible exchange, e.g. the local simulator http://127.0.0.1:18080 "
                    + "(WebSocket: ws://host:port). Default: Binance.")
    String exchangeUrl;

    @Option(names = "--profile", defaultValue = "mainnet", paramLabel = "mainnet|testnet",
            description = "Binance environment: mainnet or testnet (default: ${DEFAULT-VALUE}); --exchange-url overrides it.")
    String profile;

    @Option(names = "--market", defaultValue = "spot", paramLabel = "spot|futures",
            description = "Market of the live chart: spot or futures (USD-M) (default: ${DEFAULT-VALUE}).")
    String market;

    @Option(names = "--smoke-test",
            description = "Close the window once the first bar is painted, printing 'first_bar_ms: N ms' (time since the "
                    + "process started) and exiting 0. For CI and the installer's start-up training run.")
    boolean smokeTest;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private boolean launched;

    /** A configured command line (shared by Main and tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PennantCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Bad input is the user's to fix: one clear line, no stack trace (that goes to the log).
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            org.slf4j.LoggerFactory.getLogger(PennantCommand.class).debug("command failed", ex);
            commandLine.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
            commandLine.getErr().flush();
            return 1;
        });
        // Bad arguments: one "error:" line, then the usage of the (sub)command that got them; exit code 2.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            java.io.PrintWriter err = cmd.getErr();
            String msg = ex.getMessage() == null ? "bad arguments" : ex.getMessage().strip().lines().findFirst().orElse("");
            err.println("error: " + msg);
            cmd.usage(err);
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    @Override
    public void run() {
        if (speed < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be >= 0 (0 = max), was " + speed);
        }
        if (exchangeUrl != null && !exchangeUrl.startsWith("http://") && !exchangeUrl.startsWith("https://")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--exchange-url must start with http:// or https://, was " + exchangeUrl);
        }
        String prof = profile.trim().toLowerCase(java.util.Locale.ROOT);
        if (!prof.equals("mainnet") && !prof.equals("testnet")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--profile must be one of mainnet, testnet; was " + profile);
        }
        dev.pennant.core.model.Market mkt;
        try {
            mkt = MarketConverter.parse(market);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        launched = !smokeTest; // a smoke test ends with System.exit (Main), whatever threads remain
        StartupRestore.apply(dev.pennant.core.config.DataDirectory.resolve(dataDir), spec.commandLine().getErr());
        dev.pennant.ui.StartupProbe.exitAfterFirstBar(smokeTest);
        TerminalLauncher.launch(new TerminalOptions(dev.pennant.core.config.DataDirectory.resolve(dataDir), replay, speed,
                symbol.toUpperCase(java.util.Locale.ROOT), interval, exchangeUrl, prof, mkt));
    }

    /** True when {@link #run()} opened the window (Main then leaves the JVM to JavaFX). */
    boolean launchedWindow() {
        return launched;
    }
}
