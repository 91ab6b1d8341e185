package dev.ferry.server.kubernetes;

import dev.ferry.core.build.SlugSource;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.kubernetes.runtime.ReleaseFacts;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What the Kubernetes runtime learns of a release on this control node: its {@code app.json}, read out of its slug
 * in the slug store (only that one entry is unpacked, into a temporary directory, for the one manifest reader), and
 * the buildpack of the newest succeeded build whose release runs the same slug (a config change or a rollback keeps
 * its slug, so its buildpack too), or, during the deploy of a build (before its release is recorded), of that build.
 */
final class SlugReleaseFacts implements ReleaseFacts {

    private static final int BLOCK = 512;
    private static final int MAX_APP_JSON_BYTES = 1 << 20;
    /** The builds looked at for a release's buildpack, newest first. */
    private static final int BUILDS_SEARCHED = 200;

    private final SlugSource slugs;
    private final BuildStore builds;
    private final ReleaseStore releases;
    private final AppManifestReader reader;

    SlugReleaseFacts(SlugSource slugs, BuildStore builds, ReleaseStore releases, AppManifestReader reader) {
        this.slugs = slugs;
        this.builds = builds;
        this.releases = releases;
        this.reader = reader;
    }

    @Override
    public AppManifest manifest(Release release) throws IOException {
        if (release.slugId().isEmpty()) {
            return AppManifest.NONE;
        }
        Path slug;
        try {
            slug = slugs.slugFile(release.slugId().get());
        } catch (NoSuchElementException e) {
            throw new IOException("the slug of " + release.label() + " is not on this control node");
        }
        Optional<byte[]> appJson = entry(slug, AppManifestReader.FILE);
        if (appJson.isEmpty()) {
            return AppManifest.NONE;
        }
        Path dir = Files.createTempDirectory("ferry-app-json");
        try {
            Files.write(dir.resolve(AppManifestReader.FILE), appJson.get());
            return reader.read(dir);
        } finally {
            Files.deleteIfExists(dir.resolve(AppManifestReader.FILE));
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public Optional<String> buildpack(Release release) {
        if (release.slugId().isEmpty()) {
            return Optional.empty();
        }
        Paged<Build> page = builds.builds(release.app(), Page.first(BUILDS_SEARCHED));
        return page.items().stream()
                .filter(b -> b.status() == BuildStatus.SUCCEEDED && b.buildpack().isPresent())
                .filter(b -> builtThisSlug(b, release))
                .findFirst().flatMap(Build::buildpack);
    }

    /**
     * True when {@code build} made the slug {@code release} runs: its release runs the same slug, or, while the
     * release is being deployed (a build's release is recorded once it is live), it is the deploy of the build's commit.
     */
    private boolean builtThisSlug(Build build, Release release) {
        if (build.releaseVersion().isPresent()) {
            return releases.release(release.app(), build.releaseVersion().get()).flatMap(Release::slugId)
                    .equals(release.slugId());
        }
        return release.description().equals("Deploy " + build.shortCommit());
    }

    /** The content of the regular file {@code name} at the root of a gzipped tar; empty when it has none. */
    static Optional<byte[]> entry(Path tarGz, String name) throws IOException {
        try (InputStream file = Files.newInputStream(tarGz);
             DataInputStream in = new DataInputStream(new GZIPInputStream(file))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return Optional.empty();
                }
                if (header[0] == 0) {
                    return Optional.empty();
                }
                String entry = text(header, 0, 100);
                long size = Long.parseLong(text(header, 124, 12).strip().isEmpty() ? "0" : text(header, 124, 12).strip(), 8);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && (entry.equals(name) || entry.equals("./" + name))) {
                    if (size > MAX_APP_JSON_BYTES) {
                        throw new IOException(name + " in the slug is over " + MAX_APP_JSON_BYTES + " bytes");
                    }
                    byte[] content = new byte[(int) size];
                    in.readFully(content);
                    return Optional.of(content);
                }
                in.skipNBytes(padded);
            }
        }
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }
}
