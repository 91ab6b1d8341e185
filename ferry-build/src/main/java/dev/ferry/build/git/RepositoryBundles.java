package dev.ferry.build.git;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare repository to and from one git bundle of all its refs ({@code git bundle create --all}), and the version of
 * the shared copy a local repository was last made equal to, kept in its config ({@code ferry.sharedVersion}, 0
 * when never). Restoring fetches the bundle with {@code +refs/*:refs/*} and deletes the refs the bundle lacks, so
 * the local refs end exactly as stored; objects already there are kept.
 */
final class RepositoryBundles {

    private static final String SECTION = "ferry";
    private static final String VERSION = "sharedVersion";

    private RepositoryBundles() {
    }

    /**
     * Writes every ref of {@code repo} (HEAD aside, which each copy links to {@code refs/heads/main} itself) and
     * what they reach as a bundle.
     *
     * @return false (nothing written) when the repository has no ref
     */
    static boolean write(Repository repo, OutputStream out) throws IOException {
        List<Ref> refs = repo.getRefDatabase().getRefsByPrefix("refs/");
        if (refs.isEmpty()) {
            return false;
        }
        BundleWriter bundle = new BundleWriter(repo);
        for (Ref ref : refs) {
            if (ref.getObjectId() != null) {
                bundle.include(ref.getName(), ref.getObjectId());
            }
        }
        bundle.writeBundle(NullProgressMonitor.INSTANCE, out);
        return true;
    }

    /** Makes the refs of {@code repo} those of the bundle in {@code file}, fetching the objects it lacks. */
    static void restore(Repository repo, Path file) throws IOException {
        try (Transport transport = Transport.open(repo, new URIish(file.toAbsolutePath().toString()))) {
            transport.setRemoveDeletedRefs(true);
            FetchResult result = transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/*:refs/*")));
            for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
                switch (update.getResult()) {
                    case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
                    }
                    default -> throw new IOException("cannot move " + update.getLocalName() + " from the shared copy: "
                            + update.getResult());
                }
            }
        } catch (URISyntaxException | TransportException e) {
            throw new IOException("cannot read the bundle " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes every ref of {@code repo}: the shared copy has none. */
    static void clear(Repository repo) throws IOException {
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix("refs/")) {
            var update = repo.updateRef(ref.getName());
            update.setForceUpdate(true);
            update.delete();
        }
    }

    static long version(Repository repo) {
        return repo.getConfig().getLong(SECTION, null, VERSION, 0);
    }

    static void setVersion(Repository repo, long version) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setLong(SECTION, null, VERSION, version);
        config.save();
    }

    static Path tempFile(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "shared-", ".bundle");
    }
}
