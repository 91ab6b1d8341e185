package dev.ferry.router.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Collects what Netty reports about misuse while the fuzz test runs: buffer leaks (the ERROR lines of
 * {@code ResourceLeakDetector}, "LEAK: ...") and exceptions that reached the end of a pipeline unhandled
 * (the WARN lines of {@code DefaultChannelPipeline}). Attached to the {@code io.netty} logger of logback.
 */
final class NettyLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unhandled = new ConcurrentLinkedQueue<>();
    private final Logger netty = (Logger) LoggerFactory.getLogger("io.netty");

    NettyLogCapture() {
        setName("fuzz-netty-capture");
        setContext(netty.getLoggerContext());
        start();
        netty.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
        String text = e.getFormattedMessage();
        if (e.getLoggerName().startsWith("io.netty.util.ResourceLeakDetector") && e.getLevel().isGreaterOrEqual(Level.ERROR)) {
            leaks.add(text);
        } else if (e.getLoggerName().startsWith("io.netty.channel.DefaultChannelPipeline") && e.getLevel().isGreaterOrEqual(Level.WARN)) {
            unhandled.add(text + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getClassName()
                    + ": " + e.getThrowableProxy().getMessage()));
        }
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    List<String> unhandledExceptions() {
        return List.copyOf(unhandled);
    }

    @Override
    public void close() {
        netty.detachAppender(this);
        stop();
    }
}
