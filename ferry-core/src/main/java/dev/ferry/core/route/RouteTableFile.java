package dev.ferry.core.route;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a whole {@link RouteTable} as a file of {@link RouteCodec} lines. Writes go to a
 * temporary file that is synced and then renamed over the target, so a crash leaves either the old file
 * or the new one, never half of one.
 */
public final class RouteTableFile {

    private static final String HEADER = "# ferry route table v1";

    private RouteTableFile() {
    }

    public static void write(Path file, RouteTable table) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                table.forEachRoute(r -> writeLine(w, RouteCodec.encode(r)));
                for (TcpRoute t : table.tcpRoutes()) {
                    w.write(RouteCodec.encode(t));
                    w.newLine();
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write route table to " + file, e);
        } catch (UncheckedIOException e) { // from a line written by forEachRoute's action
            throw new UncheckedIOException("cannot write route table to " + file, e.getCause());
        }
    }

    private static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the file and line when a line does not parse
     */
    public static RouteTable read(Path file) throws IOException {
        List<Route> routes = new ArrayList<>();
        List<TcpRoute> tcp = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                switch (RouteCodec.decode(line)) {
                    case Route r -> routes.add(r);
                    case TcpRoute t -> tcp.add(t);
                    default -> throw new IllegalStateException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return RouteTable.of(routes, tcp);
    }
}
