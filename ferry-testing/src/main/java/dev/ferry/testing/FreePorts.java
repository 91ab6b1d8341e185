package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port nothing listens on right now, for a test that must name a port before something binds it
 * (a child {@code ferry up}, a listener's {@code --port}) or that needs a port that refuses connections.
 * Another process may take it meanwhile; prefer binding port 0 wherever the test can ask for the port after.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port free on {@code 127.0.0.1} at the time of the call. */
    public static int loopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
