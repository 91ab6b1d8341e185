package dev.ferry.server.up;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the router's access log (logger {@code ferry.access}) to {@code <data-dir>/logs/access.log},
 * rolled daily and at 100 MB, keeping 7 days and at most 1 GB. Lines are buffered (64 KiB) and flushed
 * every second and on {@link #close()}, as nginx's {@code access_log ... buffer= flush=1s} does, so a busy
 * router makes one write per buffer rather than one per request.
 */
final class AccessLogFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLogFile.class);

    private final Path file;
    private final RollingFileAppender<ILoggingEvent> appender;
    private final ScheduledExecutorService flusher;

    private AccessLogFile(Path file, RollingFileAppender<ILoggingEvent> appender) {
        this.file = file;
        this.appender = appender;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-access-log-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    Path file() {
        return file;
    }

    /** Writes buffered lines to the file; a stream closed by a rollover in between is skipped. */
    void flush() {
        try {
            OutputStream out = appender.getOutputStream();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            log.debug("access log flush skipped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }

    static AccessLogFile attach(Path logDir) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path file = logDir.resolve("access.log");

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("access-file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.setImmediateFlush(false);
        appender.setBufferSize(FileSize.valueOf("64KB"));

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logDir.resolve("access.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("100MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();

        appender.setRollingPolicy(policy);
        appender.start();

        context.getLogger("ferry.access").addAppender(appender);
        return new AccessLogFile(file, appender);
    }
}
