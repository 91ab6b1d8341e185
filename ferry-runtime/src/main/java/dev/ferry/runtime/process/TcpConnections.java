package dev.ferry.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts the ESTABLISHED TCP connections to a local port by reading {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: how the runtime knows a deregistered instance has drained. Ferry's own view of the table
 * holds the routers' connections to the instance's port: the instance's own sockets when it shares the host's
 * network, and pasta's host-side sockets (open exactly as long as the connection inside) when the instance has
 * its own network namespace, whose sockets this table does not show.
 */
public final class TcpConnections {

    private static final String ESTABLISHED = "01";

    private TcpConnections() {
    }

    /** Connections whose local end is {@code port} and whose state is ESTABLISHED; 0 when /proc is absent. */
    public static int establishedTo(int port) {
        return count(Path.of("/proc/net/tcp"), port) + count(Path.of("/proc/net/tcp6"), port);
    }

    static int count(Path table, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return 0;
        }
        String portHex = String.format(":%04X", port);
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length > 3 && f[1].endsWith(portHex) && f[3].equals(ESTABLISHED)) {
                n++;
            }
        }
        return n;
    }
}
