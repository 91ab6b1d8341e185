package dev.ferry.server.up;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.control.ControlServerStartException;
import dev.ferry.core.store.StoreException;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.store.route.CorruptJournalException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs a {@link Platform} in the foreground for {@code ferry up} and {@code ferry control}: resolves the given
 * flags (exit 2 on a bad value), starts it (exit 1 with one line on a start-up condition a person can act on),
 * prints the banner, and waits for Ctrl-C or SIGTERM to stop it gracefully (exit 0).
 */
final class ForegroundPlatform {

    /** How a command starts its platform from the resolved config. */
    interface Starter {
        Platform start(FerryConfig config, PlatformTuning tuning) throws Exception;
    }

    private ForegroundPlatform() {
    }

    static int run(CommandSpec spec, Starter starter) throws Exception {
        return run(spec, config -> { }, starter);
    }

    /** @param check refuses, with an {@link IllegalArgumentException} (exit 2), a config this role cannot run with */
    static int run(CommandSpec spec, Consumer<FerryConfig> check, Starter starter) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FerryConfig config;
        try {
            config = resolve(spec);
            check.accept(config);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ferry: " + e.getMessage());
            return 2;
        }
        Platform platform;
        try {
            platform = starter.start(config, PlatformTuning.DEFAULT);
        } catch (IllegalStateException | IllegalArgumentException | ControlServerStartException | CorruptJournalException
                | StoreException | UncheckedIOException | java.io.IOException e) {
            // Start-up conditions a person can act on: a port in use, a locked data dir, an unreadable journal,
            // a store whose key file is missing or wrong.
            spec.commandLine().getErr().println("ferry: " + e.getMessage());
            return 1;
        }
        AccessLogFile accessLog = AccessLogFile.attach(platform.dataDirectory().logs());
        Optional<Path> credentials = Optional.empty();
        if (platform.apiPort() > 0) {
            try {
                credentials = LocalCredentials.write(CliEnvironment.system(), config.bindAddress(), platform.apiPort(),
                        platform.adminToken().token());
            } catch (UncheckedIOException e) {
                spec.commandLine().getErr().println("ferry: warning: " + e.getMessage() + " (the CLI still finds the token in the data dir)");
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                platform.close();
                accessLog.close();
            }
            stopped.countDown();
        };
        StopSignals.install(stop, System.err);
        // other ways out of the JVM (SIGHUP, System.exit) stop the platform too
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "ferry-shutdown"));
        Banner.print(out, platform, accessLog.file(), credentials);
        out.flush();
        stopped.await();
        return 0;
    }

    /** The config of the options given on the command line, then their environment variables, then the defaults. */
    static FerryConfig resolve(CommandSpec spec) {
        return new FerryConfigResolver(System.getenv(), Path.of(System.getProperty("user.home"))).resolve(givenFlags(spec));
    }

    /**
     * The options given on the command line, by long name, as typed; a repeated one ({@code --public-address}) as its
     * values joined by commas. The resolver reads and checks each.
     */
    private static Map<String, String> givenFlags(CommandSpec spec) {
        Map<String, String> given = new LinkedHashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            Object value = o.getValue();
            given.put(o.longestName(), value instanceof List<?> values
                    ? values.stream().map(String::valueOf).collect(Collectors.joining(","))
                    : String.valueOf(value));
        }
        return given;
    }
}
