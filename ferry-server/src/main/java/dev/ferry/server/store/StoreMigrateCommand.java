package dev.ferry.server.store;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.core.store.StoreException;
import dev.ferry.server.DataDirectory;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.postgres.SqliteToPostgres;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry store:migrate --to postgres://…}: moves a platform from its embedded SQLite store to PostgreSQL by
 * copying every row into an empty database ({@link SqliteToPostgres}), while the platform is stopped: the command
 * takes the data dir's lock, so it refuses to run beside {@code ferry up}. Prints what it copied and the
 * {@code ferry up} line that starts the platform on the new store with the same key.
 */
@Command(name = "store:migrate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Copy a stopped platform's SQLite store (apps, config, releases, users, tokens, builds, events)"
                + " into an empty PostgreSQL database, all or nothing.",
                "Config vars stay encrypted with the platform's key; start every control node with that key."})
public final class StoreMigrateCommand implements Callable<Integer>, EscapingPolicy {

    /** Ferry's own summary and hints: printed as they are. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The empty PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; the password may come from env FERRY_STORE_PASSWORD or PGPASSWORD instead.")
    String to;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The stopped platform's data dir, holding ferry.db (env FERRY_DATA_DIR; default ~/.ferry).")
    Path dataDir;

    @Option(names = "--secret-key-file", paramLabel = "PATH", description = "The key the platform's config vars are encrypted with, if not the data dir's (env FERRY_SECRET_KEY_FILE, or the key itself in FERRY_SECRET_KEY; default <data-dir>/secret.key).")
    Path secretKeyFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FerryConfig config;
        PostgresLocation target;
        try {
            config = new FerryConfigResolver(System.getenv(), Path.of(System.getProperty("user.home")))
                    .resolve(platformFlags());
            target = PostgresLocation.parse(to, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("ferry: " + (e.getMessage().startsWith("--") || e.getMessage().startsWith("FERRY_")
                    ? e.getMessage() : "--to " + e.getMessage()));
            return 2;
        }
        Path root = config.dataDir();
        if (!Files.isRegularFile(root.resolve(SqliteStore.DATABASE_FILE))) {
            err.println("ferry: there is no SQLite store in " + root + " (no " + SqliteStore.DATABASE_FILE
                    + "); give the platform's data dir with --data-dir");
            return 1;
        }
        ConfigKey key = config.store().key().orElse(ConfigKey.file(root.resolve(SqliteStore.KEY_FILE)));
        Map<String, Long> copied;
        try (DataDirectory stopped = DataDirectory.lock(root)) {
            copied = SqliteToPostgres.copy(stopped.root().resolve(SqliteStore.DATABASE_FILE), key, target);
        } catch (IllegalStateException | StoreException | UncheckedIOException | IOException e) {
            err.println("ferry: " + e.getMessage());
            return 1;
        }
        out.println("Copied " + copied.entrySet().stream().filter(e -> !e.getKey().equals("key_check"))
                .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                .collect(Collectors.joining(", ")) + " from " + root + " to " + target + ".");
        out.println("Start the platform on it with the same key:");
        out.println("  ferry up --store " + target + " " + keyHint(key));
        return 0;
    }

    private static String keyHint(ConfigKey key) {
        return switch (key) {
            case ConfigKey.File file -> "--secret-key-file " + file.path();
            case ConfigKey.Given given -> "(with FERRY_SECRET_KEY set as now)";
        };
    }

    /** The flags the platform's own resolver reads: where the data dir and the key are. */
    private Map<String, String> platformFlags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put("--data-dir", dataDir.toString());
        }
        if (secretKeyFile != null) {
            flags.put("--secret-key-file", secretKeyFile.toString());
        }
        return flags;
    }
}
