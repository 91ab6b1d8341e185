package dev.ferry.runtime.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Gives each app its own unprivileged uid/gid ({@code firstUid + n}, n counting from 1 in order of first use)
 * and remembers it in {@code <runtime-dir>/app-uids.properties}, so an app keeps its uid across restarts and
 * owns the files it wrote. No two apps share a uid, so no app can read another's files.
 */
public final class AppUsers {

    private final Path file;
    private final int firstUid;
    private final Properties uids = new Properties();

    public AppUsers(Path file, int firstUid) {
        this.file = file;
        this.firstUid = firstUid;
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                uids.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** The uid (equal to the gid) of {@code app}, assigned and saved on first use. */
    public synchronized int uidOf(String app) {
        String known = uids.getProperty(app);
        if (known != null) {
            return Integer.parseInt(known);
        }
        int next = uids.values().stream().mapToInt(v -> Integer.parseInt((String) v)).max().orElse(firstUid) + 1;
        uids.setProperty(app, Integer.toString(next));
        save();
        return next;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                uids.store(w, "uid of each app's processes");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
