package dev.ferry.store.route.internal;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal file of the embedded route registry: appends one record per mutation with a
 * plain {@code write()}, syncs in the background ({@link #syncIfDirty}), and rewrites itself as a snapshot
 * ({@link #compact}).
 *
 * <p>Threading: {@link #append} and {@link #compact} are called by one thread at a time (the registry's
 * mutation lock); {@link #syncIfDirty} runs on the registry's background thread. The file handle is a
 * {@link RandomAccessFile}, not a {@code FileChannel}, so that an interrupted mutating thread cannot close
 * it.
 */
public final class RouteJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteJournal.class);

    private final Path file;
    /** Held while syncing or swapping {@link #raf}, never while appending. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private RandomAccessFile raf;
    private long length;
    private int records;
    private volatile boolean dirty;
    private boolean closed;

    /** Holds the OS lock on {@code <journal>.lock} for as long as the journal is open. */
    private final FileChannel lockChannel;

    private RouteJournal(Path file, FileChannel lockChannel, RandomAccessFile raf, long length, int records) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.raf = raf;
        this.length = length;
        this.records = records;
    }

    /**
     * Opens (creating it and its directories if absent) and replays a journal. A torn end is cut off with a
     * warning; corruption before it throws {@link dev.ferry.store.route.CorruptJournalException} and leaves
     * the file as it was.
     */
    public static Opened open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel lockChannel = lockExclusively(file);
            RandomAccessFile raf = null;
            try {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                    syncDirectory(file);
                }
                JournalReplay replay = JournalReplay.read(file);
                raf = new RandomAccessFile(file.toFile(), "rw");
                if (!replay.droppedTail().isEmpty()) {
                    LOG.warn("route journal {}: dropping the torn end left by a crash: {}", file, replay.droppedTail());
                    raf.setLength(replay.goodLength());
                }
                long length = replay.goodLength();
                if (length == 0) {
                    byte[] header = (JournalLine.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
                    raf.seek(0);
                    raf.write(header);
                    length = header.length;
                }
                raf.getFD().sync();
                raf.seek(length);
                return new Opened(new RouteJournal(file, lockChannel, raf, length, replay.records()), replay.routes());
            } catch (IOException | RuntimeException e) {
                if (raf != null) {
                    raf.close();
                }
                lockChannel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open route journal " + file, e);
        }
    }

    /**
     * Takes the OS lock on {@code <journal>.lock}, so that two processes (or two registries in one) never
     * append to one journal. The OS releases it when the process dies, even by {@code kill -9}.
     */
    private static FileChannel lockExclusively(Path file) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("route journal " + file + " is in use by another registry (" + lockFile
                    + " is locked); is another Ferry running on this data directory?");
        }
        return channel;
    }

    /** A journal ready for appends and the routes it replayed. */
    public record Opened(RouteJournal journal, List<JournalLine.Set> routes) {
    }

    public Path file() {
        return file;
    }

    /** Records in the file (lines after the header). */
    public int records() {
        return records;
    }

    /**
     * Writes one record with a single {@code write()}: when this returns, the record is in the OS page
     * cache and survives the death of this process. On failure the file is cut back to its last record.
     */
    public void append(JournalLine line) {
        checkOpen();
        byte[] bytes = (line.format() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            raf.write(bytes);
        } catch (IOException e) {
            try {
                raf.setLength(length);
                raf.seek(length);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new UncheckedIOException("cannot write to route journal " + file, e);
        }
        length += bytes.length;
        records++;
        dirty = true;
    }

    /** Forces appended records to the disk, if any were appended since the last sync. */
    public void syncIfDirty() {
        if (!dirty) {
            return;
        }
        syncLock.lock();
        try {
            if (closed) {
                return;
            }
            dirty = false;
            raf.getFD().sync();
        } catch (IOException e) {
            dirty = true;
            LOG.warn("route journal {}: sync failed, will retry: {}", file, e.toString());
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Replaces the journal by a snapshot holding exactly {@code snapshot}: written to a temporary file,
     * synced, and renamed over the journal, so a crash leaves the old journal or the new one. On failure the
     * old journal stays in use and the error is thrown.
     */
    public void compact(List<JournalLine.Set> snapshot) {
        checkOpen();
        Path tmp = file.resolveSibling(file.getFileName() + ".compacting");
        long newLength;
        try {
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                    OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
                byte[] header = (JournalLine.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(header);
                newLength = header.length;
                for (JournalLine.Set set : snapshot) {
                    byte[] bytes = (set.format() + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    newLength += bytes.length;
                }
                out.flush();
                fos.getFD().sync();
            }
            moveOver(tmp);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot compact route journal " + file, e);
        }
        syncLock.lock();
        try {
            RandomAccessFile old = raf;
            raf = new RandomAccessFile(file.toFile(), "rw");
            raf.seek(newLength);
            length = newLength;
            records = snapshot.size();
            dirty = false;
            old.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen route journal " + file + " after compaction", e);
        } finally {
            syncLock.unlock();
        }
    }

    private void moveOver(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file);
    }

    /** Makes a file's creation or renaming durable; not every platform can open a directory, and that is fine. */
    private static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", p, e.toString());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("route journal " + file + " is closed");
        }
    }

    /** Syncs and closes the file; idempotent. */
    @Override
    public void close() {
        syncLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (FileChannel l = lockChannel; RandomAccessFile r = raf) {
                r.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync route journal " + file + " on close", e);
        } finally {
            syncLock.unlock();
        }
    }
}
