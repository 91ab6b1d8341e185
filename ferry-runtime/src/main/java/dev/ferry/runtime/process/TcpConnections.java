package dev.ferry.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts the ESTABLISHED TCP connections to a local port by reading {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: how the runtime knows a deregistered instance has drained. Instances share the host's
 * network, so Ferry's own view of the table holds their sockets.
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
