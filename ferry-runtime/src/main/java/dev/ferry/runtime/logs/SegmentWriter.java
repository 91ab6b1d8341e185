package dev.ferry.runtime.logs;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every app's lines to {@code <dir>/<app>/current.log} on one thread of its own, so that appenders never
 * wait for the disk. When the current segment reaches the {@link LogBounds} it becomes {@code previous.log}
 * (replacing the older one) and a new one starts: an app's files hold between one and two bounds of lines.
 * Files are flushed whenever the queue runs empty. A line that finds the queue full is kept in memory only.
 */
final class SegmentWriter implements AutoCloseable {

    static final String CURRENT = "current.log";
    static final String PREVIOUS = "previous.log";

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);

    private sealed interface Op permits Append, Forget, Barrier, Stop {
    }

    private record Append(LogLine line) implements Op {
    }

    private record Forget(AppName app) implements Op {
    }

    private record Barrier(CountDownLatch done) implements Op {
    }

    private record Stop() implements Op {
    }

    private final class Segment {
        final Path dir;
        OutputStream out;
        long lines;
        long bytes;

        Segment(Path dir) {
            this.dir = dir;
        }
    }

    private final Path root;
    private final LogBounds bounds;
    private final BlockingQueue<Op> queue;
    private final Map<AppName, Segment> segments = new HashMap<>();
    private final Thread thread;

    SegmentWriter(Path root, LogBounds bounds) {
        this.root = root;
        this.bounds = bounds;
        this.queue = new LinkedBlockingQueue<>(bounds.writeQueueLines());
        this.thread = Thread.ofPlatform().daemon().name("ferry-logs-writer").start(this::run);
    }

    /** Never blocks. */
    void append(LogLine line) {
        queue.offer(new Append(line)); // a full queue leaves the line in memory only
    }

    /** Removes the app's files after the lines queued before; waits for room in the queue (rare). */
    void forget(AppName app) {
        putUninterruptibly(new Forget(app));
    }

    /** Waits until what was queued before is written and flushed; false when that took longer than the limit. */
    boolean flush(long timeoutMs) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        if (!queue.offer(new Barrier(done), timeoutMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (true) {
                Op op = queue.poll();
                if (op == null) {
                    flushAll();
                    op = queue.take();
                }
                switch (op) {
                    case Append a -> write(a.line());
                    case Forget f -> delete(f.app());
                    case Barrier b -> {
                        flushAll();
                        b.done().countDown();
                    }
                    case Stop s -> {
                        closeAll();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            closeAll();
        }
    }

    private void write(LogLine line) {
        try {
            Segment s = segments.computeIfAbsent(line.app(), a -> new Segment(root.resolve(a.value())));
            if (s.out == null) {
                open(s);
            }
            byte[] bytes = (LogLineCodec.encode(line) + "\n").getBytes(StandardCharsets.UTF_8);
            s.out.write(bytes);
            s.lines++;
            s.bytes += bytes.length;
            if (s.lines >= bounds.maxLines() || s.bytes >= bounds.maxBytes()) {
                s.out.close();
                s.out = null;
                Files.move(s.dir.resolve(CURRENT), s.dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("cannot write the log of {}: {}", line.app(), e.toString());
            closeQuietly(segments.remove(line.app()));
        }
    }

    private static void open(Segment s) throws IOException {
        Files.createDirectories(s.dir);
        Path current = s.dir.resolve(CURRENT);
        s.lines = 0;
        s.bytes = 0;
        if (Files.exists(current)) {
            s.bytes = Files.size(current);
            try (var lines = Files.lines(current, StandardCharsets.UTF_8)) {
                s.lines = lines.count();
            } catch (java.io.UncheckedIOException e) {
                s.lines = 0;
            }
        }
        s.out = new BufferedOutputStream(Files.newOutputStream(current, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 16 * 1024);
    }

    private void delete(AppName app) {
        closeQuietly(segments.remove(app));
        Path dir = root.resolve(app.value());
        try {
            Files.deleteIfExists(dir.resolve(CURRENT));
            Files.deleteIfExists(dir.resolve(PREVIOUS));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("cannot remove the log of {}: {}", app, e.toString());
        }
    }

    private void flushAll() {
        for (Map.Entry<AppName, Segment> e : segments.entrySet()) {
            if (e.getValue().out != null) {
                try {
                    e.getValue().out.flush();
                } catch (IOException x) {
                    log.warn("cannot write the log of {}: {}", e.getKey(), x.toString());
                }
            }
        }
    }

    private void closeAll() {
        segments.values().forEach(SegmentWriter::closeQuietly);
        segments.clear();
    }

    private static void closeQuietly(Segment s) {
        if (s != null && s.out != null) {
            try {
                s.out.close();
            } catch (IOException e) {
                // the line was counted as written; nothing more can be done
            }
            s.out = null;
        }
    }

    private void putUninterruptibly(Op op) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(op);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, closes the files and stops the thread (waits up to 5 s). */
    @Override
    public void close() {
        putUninterruptibly(new Stop());
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
