package dev.ferry.build.queue;

import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.store.BuildId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build queue's kept logs on a store several control nodes share: a log is stored in the
 * {@link BuildLogArchive} each time its build, or its release, ends, and a log this node does not have is fetched
 * from there into the build-logs directory before it is read. Both best effort: a log that cannot be shared stays
 * readable on this node, and one that cannot be fetched reads as none kept. Without an archive, nothing.
 */
final class SharedBuildLogs {

    private static final Logger log = LoggerFactory.getLogger(SharedBuildLogs.class);

    private final Optional<BuildLogArchive> archive;

    SharedBuildLogs(Optional<BuildLogArchive> archive) {
        this.archive = archive;
    }

    /** Stores the kept log of a build that ended (or whose release did). */
    void share(BuildId id, Path file) {
        if (archive.isEmpty() || !Files.isRegularFile(file)) {
            return;
        }
        try {
            archive.get().put(id, file);
        } catch (IOException | RuntimeException e) {
            log.warn("could not store the output of build {} for the other control nodes: {}", id, e.toString());
        }
    }

    /** Copies the build's stored log into {@code file}; false when there is none (or it cannot be read). */
    boolean fetch(BuildId id, Path file) {
        if (archive.isEmpty()) {
            return false;
        }
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), "fetching-", ".tmp");
            boolean found;
            try (OutputStream out = Files.newOutputStream(temp)) {
                found = archive.get().copyTo(id, out);
            }
            if (found) {
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the output of build {} from the shared store: {}", id, e.toString());
            return false;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a temporary file left in the build-logs directory; the next start's clean-up does not need it
                }
            }
        }
    }
}
