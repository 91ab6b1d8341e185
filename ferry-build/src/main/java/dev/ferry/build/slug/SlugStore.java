package dev.ferry.build.slug;

import dev.ferry.core.build.SlugSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.NoSuchElementException;

/**
 * The embedded slug store: files named by the SHA-256 of their content in one directory
 * ({@code <data-dir>/slugs/<sha256>.tar.gz}). The archive is reproducible ({@link TarGzWriter}), so the same
 * tree always gives the same slug, stored once. Writes go to a temporary file moved into place, so a slug
 * file that exists is complete. Thread-safe.
 */
public final class SlugStore implements SlugSource {

    private final Path dir;

    public SlugStore(Path dir) {
        this.dir = dir;
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
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("no slug " + slugId);
        }
        return file;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
