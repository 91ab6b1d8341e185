package dev.ferry.build.git;

import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.core.store.AppName;
import dev.ferry.core.work.AppLocks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare repositories of apps, {@code <data-dir>/repos/<app>.git}, each created on the first git request
 * to an app that exists (so an app made before git support existed gets one too). With several control nodes
 * ({@link RepositoryArchive} shared, decision 035) the data dir holds this node's copy: {@link #ensure} first makes
 * it equal to the shared one when their versions differ, a push holds {@link #lockForPush} throughout and
 * {@link #share}s the result. Without one ({@link RepositoryArchive#NONE}, the default) the data dir's copy is the
 * only one. Thread-safe: creating and restoring an app's copy are serialised per app, opening is not.
 */
public final class AppRepositories {

    private static final Logger log = LoggerFactory.getLogger(AppRepositories.class);
    /** Longer than a build's default time limit and its rollout: a push holds the lock through both. */
    static final Duration PUSH_LOCK_WAIT = Duration.ofMinutes(20);

    private final Path dir;
    private final RepositoryArchive archive;
    private final ConcurrentHashMap<AppName, Object> appMonitors = new ConcurrentHashMap<>();

    public AppRepositories(Path dir) {
        this(dir, RepositoryArchive.NONE);
    }

    /** @param archive where the repositories are shared with other control nodes, or {@link RepositoryArchive#NONE} */
    public AppRepositories(Path dir, RepositoryArchive archive) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    /** The directory of {@code app}'s repository. */
    public Path path(AppName app) {
        return dir.resolve(app.value() + ".git");
    }

    /**
     * Creates {@code app}'s bare repository unless it exists and, when repositories are shared, makes it equal to
     * the shared copy unless it already is.
     */
    public void ensure(AppName app) throws IOException {
        synchronized (appMonitors.computeIfAbsent(app, a -> new Object())) {
            create(app);
            if (archive.shared()) {
                restore(app);
            }
        }
    }

    /**
     * Holds {@code app}'s repository across control nodes for one push, waiting for another node's push to it to
     * end; a no-op on one node. Take it before {@link #ensure}, so that the push starts from the last shared copy.
     */
    public AppLocks.Held lockForPush(AppName app) {
        return archive.lock(app, PUSH_LOCK_WAIT);
    }

    /**
     * Stores {@code app}'s repository as the shared copy after a push moved its refs, and records this copy as
     * that version; does nothing on one node.
     */
    public void share(AppName app, Repository repo) throws IOException {
        if (!archive.shared()) {
            return;
        }
        Path bundle = RepositoryBundles.tempFile(dir.resolve(".shared"));
        try {
            try (OutputStream out = Files.newOutputStream(bundle)) {
                if (!RepositoryBundles.write(repo, out)) {
                    return; // every ref deleted: the shared copy keeps the last one, as a fresh clone would
                }
            }
            long version = archive.put(app, bundle);
            RepositoryBundles.setVersion(repo, version);
            log.debug("shared the repository of {} as version {}", app, version);
        } finally {
            Files.deleteIfExists(bundle);
        }
    }

    /** Opens {@code app}'s existing repository; the caller closes it. */
    public Repository open(AppName app) throws IOException {
        return new FileRepositoryBuilder().setGitDir(path(app).toFile()).setBare().setMustExist(true).build();
    }

    private void create(AppName app) throws IOException {
        Path gitDir = path(app);
        if (Files.isRegularFile(gitDir.resolve("HEAD"))) {
            return;
        }
        Files.createDirectories(dir);
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build()) {
            repo.create(true);
            StoredConfig config = repo.getConfig();
            config.setBoolean("receive", null, "denyNonFastForwards", false);
            config.save();
            repo.updateRef("HEAD").link("refs/heads/main");
        }
    }

    /** Fetches the shared copy into this one when its version is not this copy's. */
    private void restore(AppName app) throws IOException {
        try (Repository repo = open(app)) {
            long local = RepositoryBundles.version(repo);
            if (archive.version(app) == local) {
                return;
            }
            Path bundle = RepositoryBundles.tempFile(dir.resolve(".shared"));
            try {
                long version;
                try (OutputStream out = Files.newOutputStream(bundle)) {
                    version = archive.copyTo(app, out);
                }
                if (version == 0) {
                    RepositoryBundles.clear(repo); // an older app of that name left this copy
                } else {
                    RepositoryBundles.restore(repo, bundle);
                }
                RepositoryBundles.setVersion(repo, version);
                log.info("restored the repository of {} from the shared version {} (this copy had {})", app, version,
                        local);
            } finally {
                Files.deleteIfExists(bundle);
            }
        }
    }
}
