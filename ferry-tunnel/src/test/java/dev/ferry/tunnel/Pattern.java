package dev.ferry.tunnel;

import dev.ferry.testing.RawHttp;
import java.io.IOException;
import java.io.OutputStream;

/** A deterministic byte pattern for large bodies, written in 64 KiB pieces so nothing holds the whole body. */
final class Pattern {

    private static final byte[] CHUNK = new byte[64 * 1024];

    static {
        for (int i = 0; i < CHUNK.length; i++) {
            CHUNK[i] = (byte) (i * 31 + 7);
        }
    }

    private Pattern() {
    }

    static void write(OutputStream out, long n) throws IOException {
        for (long left = n; left > 0; ) {
            int k = (int) Math.min(left, CHUNK.length);
            out.write(CHUNK, 0, k);
            left -= k;
        }
    }

    /**
     * Sends {@code n} pattern bytes as the body of one request on a new connection that closes after it, and reads
     * the answer streamed.
     */
    static RawHttp.Response send(int port, String host, String method, String path, long n) throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send(RawHttp.request(method, host, path, "Connection: close", "Content-Length: " + n));
            write(c.out(), n);
            c.out().flush();
            return c.readStreamed();
        }
    }

    static String digestOf(long n) {
        Digest d = new Digest();
        for (long left = n; left > 0; ) {
            int k = (int) Math.min(left, CHUNK.length);
            d.update(CHUNK, k);
            left -= k;
        }
        return d.hex();
    }
}
