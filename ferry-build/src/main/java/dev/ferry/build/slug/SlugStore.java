package dev.ferry.build.slug;

import dev.ferry.core.build.SlugArchive;
import dev.ferry.core.build.SlugSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slug store: files named by the SHA-256 of their content in one directory
 * ({@code <data-dir>/slugs/<sha256>.tar.gz}). The archive is reproducible ({@link TarGzWriter}), so the same
 * tree always gives the same slug, stored once. Writes go to a temporary file moved into place, so a slug
 * file that exists is complete. Thread-safe.
 *
 * <p>With a {@link SlugArchive} (the PostgreSQL store's large objects, when {@code --store postgres://…}), the
 * directory is this node's copy of the fleet's slugs: each slug built here is also stored in the archive, and a
 * slug that is not here ({@link #slugFile}, as a runtime asks for it) is streamed from the archive into the
 * directory first, its SHA-256 checked against its id, and one that is here but not in the archive (made before
 * the store was shared) is stored there when first used. Without one (the default) the directory is all there is.
 */
public final class SlugStore implements SlugSource {

    private static final Logger log = LoggerFactory.getLogger(SlugStore.class);

    private final Path dir;
    private final Optional<SlugArchive> shared;

    public SlugStore(Path dir) {
        this(dir, Optional.empty());
    }

    /** @param shared where the slugs of every control node are, when there are several */
    public SlugStore(Path dir, Optional<SlugArchive> shared) {
        this.dir = dir;
        this.shared = shared;
    }

    /** Packs {@code tree} and stores it under its checksum. */
    public Slug put(Path tree) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "incoming-", ".tmp");
        try {
            MessageDigest sha256 = newSha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                TarGzWriter.write(tree, out);
            }
            String id = HexFormat.of().formatHex(sha256.digest());
            Path file = dir.resolve(id + ".tar.gz");
            long size = Files.size(temp);
            if (!Files.exists(file)) {
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (shared.isPresent() && !shared.get().contains(id)) {
                shared.get().put(id, file);
            }
            return new Slug(id, file, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The archive of slug {@code id}, which may not exist. */
    public Path file(String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a slug id: " + id);
        }
        return dir.resolve(id + ".tar.gz");
    }

    @Override
    public Path slugFile(String slugId) {
        Path file = file(slugId);
        if (Files.isRegularFile(file)) {
            shareIfMissing(slugId, file);
            return file;
        }
        if (!fetched(slugId, file)) {
            throw new NoSuchElementException("no slug " + slugId);
        }
        return file;
    }

    /**
     * Stores a slug of this directory that the archive lacks: one built before the store was PostgreSQL
     * ({@code ferry store:migrate} copies rows, not slugs), so that the other nodes can run it once this one ran it.
     * Best effort: the slug is used here either way.
     */
    private void shareIfMissing(String id, Path file) {
        if (shared.isEmpty()) {
            return;
        }
        try {
            if (!shared.get().contains(id)) {
                shared.get().put(id, file);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not store slug {} for the other control nodes: {}", id, e.toString());
        }
    }

    /** Streams slug {@code id} from the shared archive into {@code file}; false when the archive lacks it. */
    private boolean fetched(String id, Path file) {
        if (shared.isEmpty()) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "fetching-", ".tmp");
            try {
                MessageDigest sha256 = newSha256();
                boolean found;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                    found = shared.get().copyTo(id, out);
                }
                if (!found) {
                    return false;
                }
                String got = HexFormat.of().formatHex(sha256.digest());
                if (!got.equals(id)) {
                    throw new IllegalStateException("the shared slug " + id + " has the checksum " + got
                            + "; it was not used");
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy slug " + id + " from the shared store: " + e.getMessage(), e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
