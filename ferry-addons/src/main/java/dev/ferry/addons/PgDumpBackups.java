package dev.ferry.addons;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonBackup;
import dev.ferry.core.addons.AddonBackupFailed;
import dev.ferry.core.addons.AddonBackups;
import dev.ferry.core.addons.AddonNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The backups of PostgreSQL add-ons as files, kept like slugs: {@code <data-dir>/addons/backups/<addon>/b001.dump},
 * each the output of the host's newest {@code pg_dump --format=custom} (compressed, restorable object by object), run
 * with the add-on's own credentials. A dump is written to a {@code .partial} file and renamed when complete, so a
 * listed backup is always whole; the file is the whole record (its size and time are the backup's), and ids are never
 * reused. Restores run
 * {@code pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error} as the
 * add-on's role: all or nothing. Each dump or restore may take {@link #DEFAULT_LIMIT} (1 h); captures of one
 * add-on run one at a time.
 */
public final class PgDumpBackups implements AddonBackups {

    /** How long one pg_dump or pg_restore may run. */
    public static final Duration DEFAULT_LIMIT = Duration.ofHours(1);

    private static final String SUFFIX = ".dump";
    private static final String LAST_ISSUED = "last-issued";

    private final Path root;
    private final Duration limit;
    private final ConcurrentHashMap<String, ReentrantLock> captures = new ConcurrentHashMap<>();

    /** @param root the directory of every add-on's backups, {@code <data-dir>/addons/backups} */
    public PgDumpBackups(Path root, Duration limit) {
        this.root = Objects.requireNonNull(root, "root");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    public PgDumpBackups(Path root) {
        this(root, DEFAULT_LIMIT);
    }

    @Override
    public AddonBackup capture(String addon, String url) {
        Path dir = dir(addon);
        ReentrantLock lock = captures.computeIfAbsent(addon, a -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(dir);
            String id = nextId(addon);
            Path partial = dir.resolve(id + SUFFIX + ".partial");
            try {
                PostgresClientProgram.run("pg_dump", List.of("--format=custom", "--no-owner", "--no-privileges",
                        "--file=" + partial), AddonServerUrl.parse(url, null), limit, "back up add-on " + addon);
                Files.move(partial, dir.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(dir.resolve(LAST_ISSUED), number(id) + "\n");
            } finally {
                Files.deleteIfExists(partial);
            }
            return read(addon, dir.resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new AddonBackupFailed("Could not keep the backup of add-on " + addon + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AddonBackup> backups(String addon) {
        Path dir = dir(addon);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<AddonBackup> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && AddonBackup.isValidId(name.substring(0, name.length() - SUFFIX.length()))) {
                    try {
                        found.add(read(addon, file));
                    } catch (NoSuchFileException e) {
                        // deleted while listed
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparingInt(b -> number(b.id())));
        return found;
    }

    @Override
    public InputStream open(String addon, String backupId) {
        try {
            return Files.newInputStream(existing(addon, backupId));
        } catch (IOException e) {
            throw notFound(addon, backupId);
        }
    }

    @Override
    public void restore(String addon, String backupId, String url) {
        Path file = existing(addon, backupId);
        PostgresClientProgram.run("pg_restore", List.of("--clean", "--if-exists", "--no-owner", "--no-privileges",
                "--single-transaction", "--exit-on-error", file.toString()), AddonServerUrl.parse(url, null), limit,
                "restore " + backupId + " into add-on " + addon);
    }

    @Override
    public void delete(String addon, String backupId) {
        try {
            Files.delete(existing(addon, backupId));
        } catch (IOException e) {
            throw notFound(addon, backupId);
        }
    }

    @Override
    public void deleteAll(String addon) {
        Path dir = dir(addon);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir(String addon) {
        return root.resolve(Addon.requireValidName(addon));
    }

    private Path existing(String addon, String backupId) {
        if (!AddonBackup.isValidId(backupId)) {
            throw notFound(addon, backupId);
        }
        Path file = dir(addon).resolve(backupId + SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw notFound(addon, backupId);
        }
        return file;
    }

    /**
     * The number after the newest backup and after the last one issued (kept in {@value #LAST_ISSUED} once a dump
     * is complete), so that an id is never given to two dumps, even after the newest was deleted. Called under the
     * add-on's capture lock.
     */
    private String nextId(String addon) throws IOException {
        Path last = dir(addon).resolve(LAST_ISSUED);
        int issued = Files.exists(last) ? Integer.parseInt(Files.readString(last).strip()) : 0;
        int newest = backups(addon).stream().mapToInt(b -> number(b.id())).max().orElse(0);
        return String.format("b%03d", Math.max(issued, newest) + 1);
    }

    private static AddonBackup read(String addon, Path file) throws IOException {
        String name = file.getFileName().toString();
        return new AddonBackup(name.substring(0, name.length() - SUFFIX.length()), addon, Files.size(file),
                Files.getLastModifiedTime(file).toInstant());
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private static AddonNotFound notFound(String addon, String backupId) {
        return new AddonNotFound("The add-on " + addon + " has no backup " + backupId + " (see ferry pg:backups).");
    }
}
