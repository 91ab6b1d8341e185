package dev.ferry.server.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A control node's name among the fleet's, kept in {@code <data-dir>/node-name} so that it stays the same across
 * restarts (a node takes up its own queued builds again after a restart, decision 008): the host's name and 8
 * random hex digits, made at the first start. It names the node in the builds it receives and the lease it holds.
 */
public final class NodeName {

    /** The file in the data dir. */
    public static final String FILE = "node-name";

    private NodeName() {
    }

    /** The name kept in {@code dataDir}, made and written there when missing. */
    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file).strip();
                if (!kept.isEmpty() && kept.length() <= 128) {
                    return kept;
                }
            }
            String made = host() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Files.createDirectories(dataDir);
            Files.writeString(file, made + "\n");
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep this node's name in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
            return name.isEmpty() ? "node" : name.substring(0, Math.min(name.length(), 100));
        } catch (IOException e) {
            return "node";
        }
    }
}
