package dev.ferry.runtime.local;

import dev.ferry.core.build.SlugSource;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.runtime.process.ChildCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The runtime's files: each release's slug unpacked once into {@code apps/<app>/releases/v<N>/} (with
 * {@code tar}, keeping modes; entries with absolute paths or {@code ..} are refused, and GNU tar defers links
 * that point outside so nothing is written through them), and a private copy of it per instance under
 * {@code apps/<app>/instances/}, which the instance may write.
 */
final class ReleaseFiles {

    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(5);

    private final Path runtimeDir;
    private final SlugSource slugs;
    private final AppManifestReader manifests;

    ReleaseFiles(Path runtimeDir, SlugSource slugs, AppManifestReader manifests) {
        this.runtimeDir = runtimeDir;
        this.slugs = slugs;
        this.manifests = manifests;
    }

    Path appDir(AppName app) {
        return runtimeDir.resolve("apps").resolve(app.value());
    }

    /** Unpacks the release (once) and reads its {@code app.json}. */
    synchronized PreparedRelease prepare(Release release) throws IOException {
        String slugId = release.slugId().orElseThrow(
                () -> new IOException("release " + release.label() + " has no slug to run"));
        Path dir = appDir(release.app()).resolve("releases").resolve(release.label());
        if (!Files.isDirectory(dir)) {
            Path slug;
            try {
                slug = slugs.slugFile(slugId);
            } catch (NoSuchElementException e) {
                throw new IOException("slug " + slugId + " of " + release.label() + " is missing");
            }
            Path tmp = dir.resolveSibling(release.label() + ".unpacking-" + System.nanoTime());
            Files.createDirectories(tmp);
            try {
                refuseEscapingEntries(slug);
                ChildCommand.run(List.of("tar", "-xzf", slug.toString(), "-C", tmp.toString(), "--no-same-owner"),
                        TAR_TIMEOUT);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(tmp);
            }
        }
        return new PreparedRelease(release, dir, manifests.read(dir));
    }

    private static void refuseEscapingEntries(Path slug) throws IOException {
        String listing = ChildCommand.run(List.of("tar", "-tzf", slug.toString()), TAR_TIMEOUT);
        for (String entry : listing.split("\n")) {
            if (entry.startsWith("/") || entry.equals("..") || entry.startsWith("../") || entry.contains("/../")
                    || entry.endsWith("/..")) {
                throw new IOException("slug entry '" + entry + "' points outside the app directory");
            }
        }
    }

    /** A fresh private copy of the release for one instance, at {@code instances/<id>}. */
    Path copyForInstance(PreparedRelease release, String id) throws IOException {
        Path target = appDir(release.release().app()).resolve("instances").resolve(id);
        deleteTree(target);
        Files.createDirectories(target.getParent());
        ChildCommand.run(List.of("cp", "-a", release.dir().toString(), target.toString()), TAR_TIMEOUT);
        return target;
    }

    /** Removes unpacked releases other than {@code keep} (instances run from their own copies). */
    void pruneReleases(AppName app, int keep) {
        Path releases = appDir(app).resolve("releases");
        if (!Files.isDirectory(releases)) {
            return;
        }
        try (Stream<Path> list = Files.list(releases)) {
            list.filter(p -> !p.getFileName().toString().equals("v" + keep)).forEach(ReleaseFiles::deleteTree);
        } catch (IOException e) {
            // pruning is best effort; the next deploy tries again
        }
    }

    /** Deletes a directory tree without following links; never throws. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; removed with the app or at the next start
                }
            });
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }
}
