package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a platform, or one role of it, before each test and stops it after, with a data directory of its own
 * that is deleted after the stop. The test says how to start it from that directory, with every listener on an
 * ephemeral loopback port (for the whole platform, {@code FerryConfig.ephemeral(dataDir)}):
 *
 * <pre>{@code
 * @RegisterExtension
 * final PlatformExtension<RuntimePlatform> ferry = PlatformExtension.starting(RuntimePlatform::new);
 * }</pre>
 *
 * Runs before the test's own {@code @BeforeEach} methods, which see the running platform in {@link #get}. A start
 * that throws (or skips the test, as an assumption does) leaves nothing behind.
 *
 * @param <P> what the start returns: the platform, one role, or a test's wrapper around either
 */
public final class PlatformExtension<P extends AutoCloseable> implements BeforeEachCallback, AfterEachCallback {

    /** Starts what the test runs against, keeping its data in {@code dataDir}. */
    @FunctionalInterface
    public interface Starter<P> {
        P start(Path dataDir) throws Exception;
    }

    private final Starter<P> starter;
    private Path dataDir;
    private P running;

    private PlatformExtension(Starter<P> starter) {
        this.starter = starter;
    }

    public static <P extends AutoCloseable> PlatformExtension<P> starting(Starter<P> starter) {
        return new PlatformExtension<>(starter);
    }

    /** What runs for the current test. */
    public P get() {
        if (running == null) {
            throw new IllegalStateException("nothing runs outside a test");
        }
        return running;
    }

    /** The current test's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("ferry-test-");
        try {
            running = starter.start(dataDir);
        } catch (Exception | Error e) {
            delete(dataDir);
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            running = null;
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
