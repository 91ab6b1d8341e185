package dev.ferry.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The layout of Ferry's data directory ({@code ~/.ferry} by default), held under an exclusive lock so
 * that two platforms never write the same journal:
 *
 * <pre>
 * admin-token          the admin API token (0600), read by the local CLI
 * admin-token.sha256   its hash, which the API checks against
 * routes.journal       the route registry's journal
 * router/routes.snapshot  the router's last table, served at start before the registry answers
 * logs/                platform and access logs
 * lock                 held while a platform runs
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory (mode 0700) if needed and takes its lock.
     *
     * @throws IllegalStateException when another running Ferry holds it
     */
    public static DataDirectory lock(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory keeps the platform's defaults
            }
        }
        Files.createDirectories(dir.resolve("router"));
        Files.createDirectories(dir.resolve("logs"));
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another Ferry is already running with the data directory " + dir
                    + " (stop it, or pass --data-dir to use another one)");
        }
        return new DataDirectory(dir, channel, lock);
    }

    public Path root() {
        return root;
    }

    public Path routeJournal() {
        return root.resolve("routes.journal");
    }

    public Path routerSnapshot() {
        return root.resolve("router").resolve("routes.snapshot");
    }

    public Path adminTokenFile() {
        return root.resolve("admin-token");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    @Override
    public String toString() {
        return "data directory " + root;
    }
}
