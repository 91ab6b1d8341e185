package dev.ferry.addons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's PostgreSQL programs: the newest {@code /usr/lib/postgresql/N/bin} (Debian's layout, where the programs of
 * every installed major version live side by side), used to run a local server and to dump and restore add-ons (a
 * {@code pg_dump} must be at least as new as the server it dumps).
 */
final class PostgresBinaries {

    private static final Path ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    /** The newest version's {@code bin} directory that has {@code program}, if any is installed. */
    static Optional<Path> newestWith(String program) {
        if (!Files.isDirectory(ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(ROOT)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve(program)))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The program of the newest version, else the one on the PATH (by name). */
    static String program(String name) {
        return newestWith(name).map(b -> b.resolve(name).toString()).orElse(name);
    }
}
