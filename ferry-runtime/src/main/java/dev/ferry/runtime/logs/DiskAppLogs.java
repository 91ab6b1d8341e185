package dev.ferry.runtime.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded {@link AppLogs}: each app's last lines in memory for {@link #recent}, and on disk under
 * {@code <dir>/<app>/} in two rotating segment files ({@code current.log}, {@code previous.log}), so that
 * they survive a restart. Bounds ({@link LogBounds#DEFAULT}): 1,500 lines or 1 MiB per app, whichever comes
 * first; the files hold between one and two bounds, and reopening keeps the last bound of them.
 *
 * <p>Threading: {@link #append} takes the app's lock for a few list operations and never waits: the disk is
 * written by one background thread (a line that finds its queue full stays in memory only), and each
 * follower has its own bounded queue and virtual thread. A follower that falls behind by more than
 * {@link LogBounds#followerQueueLines} misses lines and is told {@code -- N lines dropped --}; one whose
 * listener throws is closed. Safe for use by many threads. {@link #close} writes what is queued.
 */
public final class DiskAppLogs implements AppLogs, AutoCloseable {

    private final Path dir;
    private final LogBounds bounds;
    private final SegmentWriter writer;
    private final ConcurrentMap<AppName, AppStream> streams = new ConcurrentHashMap<>();

    private DiskAppLogs(Path dir, LogBounds bounds) {
        this.dir = dir;
        this.bounds = bounds;
        this.writer = new SegmentWriter(dir, bounds);
    }

    /** Opens (creating) {@code dir} with the default bounds, reading back the lines kept there. */
    public static DiskAppLogs open(Path dir) {
        return open(dir, LogBounds.DEFAULT);
    }

    /** Opens (creating) {@code dir}, reading back the lines kept there. */
    public static DiskAppLogs open(Path dir, LogBounds bounds) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(bounds, "bounds");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + dir, e);
        }
        DiskAppLogs logs = new DiskAppLogs(dir, bounds);
        logs.restoreAll();
        return logs;
    }

    private void restoreAll() {
        try (Stream<Path> apps = Files.list(dir)) {
            for (Path appDir : apps.filter(Files::isDirectory).toList()) {
                String name = appDir.getFileName().toString();
                if (AppName.isValid(name)) {
                    AppStream stream = stream(AppName.of(name));
                    restore(stream, AppName.of(name), appDir.resolve(SegmentWriter.PREVIOUS));
                    restore(stream, AppName.of(name), appDir.resolve(SegmentWriter.CURRENT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log directory " + dir, e);
        }
    }

    private static void restore(AppStream stream, AppName app, Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        // Lenient: a torn last line or bad bytes after a crash must not stop the platform from starting.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        text.lines().forEach(l -> LogLineCodec.decode(app, l).ifPresent(stream::restore));
    }

    private AppStream stream(AppName app) {
        return streams.computeIfAbsent(app, a -> new AppStream(a, bounds, writer));
    }

    @Override
    public void append(LogLine line) {
        stream(line.app()).add(line);
    }

    @Override
    public List<LogLine> recent(AppName app, int max, Optional<String> process) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        AppStream stream = streams.get(app);
        return stream == null ? List.of() : stream.recent(max, process);
    }

    @Override
    public Subscription follow(AppName app, Consumer<LogLine> listener) {
        Objects.requireNonNull(listener, "listener");
        return stream(app).follow(listener);
    }

    @Override
    public void forget(AppName app) {
        AppStream stream = streams.get(app);
        if (stream != null) {
            stream.forget();
        }
    }

    /** How many followers the app has now (for tests and metrics). */
    public int followers(AppName app) {
        AppStream stream = streams.get(app);
        return stream == null ? 0 : stream.followers();
    }

    /** Waits (at most {@code timeoutMs}) until every line appended so far is on disk; false on time-out. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        return writer.flush(timeoutMs);
    }

    /** Closes every follower, writes what is queued and closes the files. */
    @Override
    public void close() {
        streams.values().forEach(s -> s.followersCopy().forEach(Follower::close));
        writer.close();
    }
}
