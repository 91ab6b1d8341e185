package dev.ferry.build.queue;

import dev.ferry.build.BuildLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one build: each line is appended to its kept log file (flushed at once, so that a reader
 * following the build sees it) and sent to the pusher when there is one. A file that cannot be written costs
 * the kept copy, never the build.
 *
 * <p>Threading: lines come from the build thread and from the threads pumping a command's output; they are
 * written one at a time.
 */
final class KeptLog implements BuildLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeptLog.class);

    private final Path file;
    private final Optional<BuildLog> pusher;
    private Writer writer;

    private KeptLog(Path file, Optional<BuildLog> pusher, Writer writer) {
        this.file = file;
        this.pusher = pusher;
        this.writer = writer;
    }

    /** Appends to {@code file}, created with its directory when missing. */
    static KeptLog open(Path file, Optional<BuildLog> pusher) {
        Writer writer = null;
        try {
            Files.createDirectories(file.getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            log.warn("cannot keep the build output in {}: {}", file, e.toString());
        }
        return new KeptLog(file, pusher, writer);
    }

    @Override
    public synchronized void line(String text) {
        if (writer != null) {
            try {
                writer.write(text);
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                log.warn("stopped keeping the build output in {}: {}", file, e.toString());
                closeWriter();
            }
        }
        if (pusher.isPresent()) {
            try {
                pusher.get().line(text);
            } catch (RuntimeException e) {
                // the pusher went away; the build goes on and its output is still kept
            }
        }
    }

    @Override
    public synchronized void close() {
        closeWriter();
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                // what was flushed is kept
            }
            writer = null;
        }
    }
}
