package dev.ferry.core.build;

import dev.ferry.core.store.AppName;
import dev.ferry.core.work.AppLocks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Apps' git repositories that every control node can reach, so that a push to any node builds any app: after each
 * push the receiving node stores the whole repository (a git bundle of every ref) as the app's next version, and a
 * node whose own copy is of another version restores it before it answers a git request. A push holds the app's
 * repository lock ({@link #lock}) from before it reads its copy until the new version is stored, so that pushes to
 * the same app through two nodes take turns. Both directions are streamed. {@link #NONE} (one control node, the
 * embedded store) stores nothing and never waits: the data dir's repositories are the only ones.
 */
public interface RepositoryArchive {

    /** No shared repositories: one control node. */
    RepositoryArchive NONE = new RepositoryArchive() {
        @Override
        public long version(AppName app) {
            return 0;
        }

        @Override
        public long copyTo(AppName app, OutputStream out) {
            return 0;
        }

        @Override
        public long put(AppName app, Path bundle) {
            return 0;
        }

        @Override
        public AppLocks.Held lock(AppName app, Duration wait) {
            return () -> { };
        }

        @Override
        public boolean shared() {
            return false;
        }
    };

    /**
     * The version of {@code app}'s stored repository, 0 when none is stored; versions only grow, across all apps,
     * so an app destroyed and made again never meets an old app's version.
     */
    long version(AppName app);

    /**
     * Writes {@code app}'s stored bundle to {@code out}.
     *
     * @return its version, or 0 (nothing written) when none is stored
     */
    long copyTo(AppName app, OutputStream out) throws IOException;

    /**
     * Stores the git bundle in {@code bundle} as {@code app}'s repository, replacing the one stored.
     *
     * @return the new version
     */
    long put(AppName app, Path bundle) throws IOException;

    /**
     * {@code app}'s repository lock across control nodes, waiting up to {@code wait} for another node's push.
     *
     * @throws dev.ferry.core.store.StoreUnavailable when it stayed held that long or cannot be taken
     */
    AppLocks.Held lock(AppName app, Duration wait);

    /** Whether repositories are shared with other nodes at all (false for {@link #NONE}). */
    default boolean shared() {
        return true;
    }
}
