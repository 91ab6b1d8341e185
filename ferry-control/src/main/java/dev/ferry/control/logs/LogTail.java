package dev.ferry.control.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code tail=true} answer: writes the recent lines, then every new line as it is appended, flushed per line,
 * until the client goes away. The caller's request thread waits here; the lines are written by the stream's
 * follower thread. An empty line every {@code keepAlive} finds a client that left (and keeps proxies from
 * closing an idle answer); the first failed write closes the subscription, so nothing is left behind.
 */
final class LogTail {

    private static final byte[] KEEP_ALIVE = "\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final CountDownLatch gone = new CountDownLatch(1);

    LogTail(OutputStream out) {
        this.out = out;
    }

    /** Blocks until the client leaves or the thread is interrupted. */
    void run(AppLogs logs, AppName app, List<LogLine> recent, Optional<String> process, Duration keepAlive) {
        try {
            for (LogLine line : recent) {
                write(LogText.of(line).getBytes(StandardCharsets.UTF_8));
            }
            write(new byte[0]);
        } catch (IOException e) {
            return;
        }
        try (AppLogs.Subscription subscription = logs.follow(app, line -> {
            if (process.isEmpty() || line.isOf(process.get()) || isDropNotice(line)) {
                try {
                    write(LogText.of(line).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    gone.countDown();
                    throw new UncheckedIOException(e);
                }
            }
        })) {
            while (!gone.await(keepAlive.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    write(KEEP_ALIVE);
                } catch (IOException e) {
                    gone.countDown();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The follower's {@code -- N lines dropped --} notice, shown whatever the filter. */
    private static boolean isDropNotice(LogLine line) {
        return line.source().equals(LogLine.FERRY) && line.process().equals("logs");
    }

    private synchronized void write(byte[] bytes) throws IOException {
        if (gone.getCount() == 0) {
            throw new IOException("the client left");
        }
        out.write(bytes);
        out.flush();
    }
}
