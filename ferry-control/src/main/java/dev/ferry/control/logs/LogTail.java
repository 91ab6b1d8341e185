package dev.ferry.control.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code tail=true} answer: writes the recent lines, then every new line as it is appended, flushed per line,
 * until the client goes away or {@link #end} is called. It subscribes before reading the recent lines and holds back (up to
 * {@value #EARLY_LINES}) what arrives meanwhile, so that no line falls between the two.
 *
 * <p>Threading: the caller's request thread waits here; new lines are written by the stream's follower
 * thread; writes are serialised on this object. An empty line every {@code keepAlive} finds a client that
 * left (and keeps proxies from closing an idle answer); the first failed write closes the subscription, so
 * nothing is left behind.
 */
final class LogTail {

    private static final byte[] KEEP_ALIVE = "\n".getBytes(StandardCharsets.US_ASCII);
    private static final int EARLY_LINES = 1_000;

    private final OutputStream out;
    private final Optional<String> process;
    private final AppName app;
    private final CountDownLatch gone = new CountDownLatch(1);
    /** Guarded by this: lines that arrived before the recent ones were written; null once live. */
    private List<LogLine> early = new ArrayList<>();

    LogTail(OutputStream out, Optional<String> process, AppName app) {
        this.out = out;
        this.process = process;
        this.app = app;
    }

    /**
     * Ends the answer from any thread without waiting: writes a last {@code ferry[logs]} line giving the reason
     * and lets {@link #run} return. Called when the stream's authorisation was revoked.
     */
    void end(String reason) {
        // On a thread of its own: a write to a slow client must not hold up the revocation that ends it.
        Thread.ofVirtual().name("ferry-logs-end").start(() -> {
            synchronized (this) {
                if (gone.getCount() == 0) {
                    return;
                }
                try {
                    write(new LogLine(Instant.now(), app, LogLine.FERRY, "logs", "-- stream closed: " + reason + " --"));
                } catch (IOException e) {
                    // the client left already
                }
                gone.countDown();
            }
        });
    }

    /** Blocks until the client leaves or the thread is interrupted. */
    void run(AppLogs logs, AppName app, int lines, Duration keepAlive) {
        try (AppLogs.Subscription subscription = logs.follow(app, this::onLine)) {
            List<LogLine> recent = logs.recent(app, lines, process);
            synchronized (this) {
                for (LogLine line : recent) {
                    write(line);
                }
                for (LogLine line : early) {
                    if (shown(line) && !recent.contains(line)) {
                        write(line);
                    }
                }
                early = null;
                write(new byte[0]);
            }
            while (!gone.await(keepAlive.toMillis(), TimeUnit.MILLISECONDS)) {
                write(KEEP_ALIVE);
            }
        } catch (IOException e) {
            gone.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onLine(LogLine line) {
        synchronized (this) {
            if (early != null) {
                if (early.size() < EARLY_LINES) {
                    early.add(line);
                }
                return;
            }
        }
        if (shown(line)) {
            try {
                write(line);
            } catch (IOException e) {
                gone.countDown();
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Lines of the filter, and the follower's {@code -- N lines dropped --} notice whatever the filter. */
    private boolean shown(LogLine line) {
        return process.isEmpty() || line.isOf(process.get())
                || (line.source().equals(LogLine.FERRY) && line.process().equals("logs"));
    }

    private void write(LogLine line) throws IOException {
        write(LogText.of(line).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void write(byte[] bytes) throws IOException {
        if (gone.getCount() == 0) {
            throw new IOException("the client left");
        }
        out.write(bytes);
        out.flush();
    }
}
