package dev.ferry.build.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Reads a build's log file as it grows, like {@code tail -f}: at the end of the file it waits for more while
 * the build is active, and ends once the build has ended and everything written is read. A file not created
 * yet reads as empty until it appears. Used by one reading thread; {@link #close} may come from another thread, and
 * then ends a waiting read as the end of the output.
 */
final class FollowingInputStream extends InputStream {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Path file;
    private final BooleanSupplier active;
    private FileChannel channel;
    private long position;
    /** Set by {@link #close}, possibly from another thread, which makes a waiting read end. */
    private volatile boolean closed;

    FollowingInputStream(Path file, BooleanSupplier active) {
        this.file = file;
        this.active = active;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!closed) {
            // Read whether the build was active before reading, so that output written just before it ended
            // is still read once more.
            boolean wasActive = active.getAsBoolean();
            int n;
            try {
                n = readAvailable(b, off, len);
            } catch (ClosedChannelException e) {
                if (closed) {
                    return -1; // closed by another thread while reading
                }
                throw e;
            }
            if (n > 0) {
                return n;
            }
            if (!wasActive) {
                return -1;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped following the build's output");
            }
        }
        return -1;
    }

    private int readAvailable(byte[] b, int off, int len) throws IOException {
        if (channel == null) {
            if (!Files.exists(file)) {
                return 0;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int n = channel.read(ByteBuffer.wrap(b, off, len), position);
        if (n > 0) {
            position += n;
        }
        return Math.max(n, 0);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (channel != null) {
            channel.close();
        }
    }
}
