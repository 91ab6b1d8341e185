package dev.ferry.build;

import dev.ferry.build.buildpack.BuildContext;
import dev.ferry.build.buildpack.Buildpack;
import dev.ferry.build.buildpack.Buildpacks;
import dev.ferry.build.buildpack.Procfile;
import dev.ferry.build.manifest.AppJsonReader;
import dev.ferry.build.slug.Slug;
import dev.ferry.build.slug.SlugStore;
import dev.ferry.build.source.CommitCheckout;
import dev.ferry.core.build.BuildJail;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.manifest.InvalidAppManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one pushed commit into a slug: checks it out into a fresh work directory under
 * {@code <data-dir>/builds/}, reads its {@code app.json} ({@link AppJsonReader}), picks the buildpack
 * ({@link Buildpacks}), runs it, reads the Procfile's process
 * types over the buildpack's defaults, and packs the directory into the {@link SlugStore}. The work directory
 * is removed afterwards, whatever the outcome; the app's build cache ({@link BuildConfig#cacheDir()}) is kept.
 * Every command of the build runs in one {@link BuildJail} of the {@link BuildSandbox}, closed (killing whatever
 * the build left running) before the slug is packed.
 *
 * <p>Threading: builds run on the threads that call {@link #build}, in parallel; the build queue, its only caller,
 * starts one build per app at a time (work directories are unique per build, so nothing here needs a lock).
 */
public final class Builder {

    private static final Logger serverLog = LoggerFactory.getLogger(Builder.class);
    private static final AppManifestReader MANIFESTS = new AppJsonReader();

    private final BuildConfig config;
    private final Buildpacks buildpacks;
    private final SlugStore slugs;
    private final BuildSandbox sandbox;
    private final AtomicLong sequence = new AtomicLong();

    public Builder(BuildConfig config, Buildpacks buildpacks, SlugStore slugs, BuildSandbox sandbox) {
        this.config = config;
        this.buildpacks = buildpacks;
        this.slugs = slugs;
        this.sandbox = sandbox;
    }

    /** A builder with the default buildpacks and the slug store in the data directory, running commands in {@code sandbox}. */
    public static Builder of(BuildConfig config, BuildSandbox sandbox) {
        return new Builder(config, Buildpacks.defaults(), new SlugStore(config.slugsDir()), sandbox);
    }

    /** A builder whose commands run unsandboxed ({@link BuildSandbox#unsandboxed()}). */
    public static Builder of(BuildConfig config) {
        return of(config, BuildSandbox.unsandboxed());
    }

    /**
     * Removes work directories left by builds that a stopped process interrupted; call once at start, before
     * any build starts (a build interrupted by a stop never resumes in its old work directory).
     */
    public void removeLeftoverWorkDirs() {
        deleteTree(config.buildsDir());
    }

    public BuildConfig config() {
        return config;
    }

    /**
     * Builds {@code request.commit()} of {@code repo}, writing progress to {@code log}.
     *
     * @throws BuildFailed with the reason to show the pusher; nothing is stored then
     */
    public BuildOutcome build(Repository repo, BuildRequest request, BuildLog log) throws BuildFailed {
        Path work = config.buildsDir().resolve(request.app().value() + "-" + request.shortCommit() + "-"
                + System.currentTimeMillis() + "-" + sequence.incrementAndGet());
        Path src = work.resolve("src");
        try {
            CommitCheckout.checkout(repo, request.commit(), src, log, config.maxSourceBytes());
            AppManifest manifest = readManifest(src);
            Buildpack buildpack = buildpacks.select(src, manifest);
            log.step(buildpack.name() + " app detected");
            Path cache = Files.createDirectories(config.cacheDir().resolve(request.app().value()));
            Map<String, String> types;
            try (BuildJail jail = sandbox.open(request.app().value(), src, cache)) {
                types = new LinkedHashMap<>(
                        buildpack.build(new BuildContext(src, log, Instant.now().plus(config.timeout()), cache, jail)));
            }
            log.step("Discovering process types");
            if (!types.isEmpty()) {
                log.detail("Default types for " + buildpack.name() + " -> " + String.join(", ", types.keySet()));
            }
            if (Files.isSymbolicLink(src.resolve(Procfile.FILE))) {
                // read by Ferry itself, outside the sandbox: never follow a link the build made
                throw new BuildFailed("the build replaced the Procfile with a symbolic link");
            }
            if (Files.isRegularFile(src.resolve(Procfile.FILE))) {
                Map<String, String> declared = Procfile.read(src).processTypes();
                if (declared.isEmpty() && types.isEmpty()) {
                    throw new BuildFailed("Procfile declares no process types");
                }
                types.putAll(declared);
                log.detail("Procfile declares types -> " + String.join(", ", declared.keySet()));
            }
            if (types.isEmpty()) {
                throw new BuildFailed("no process types: add a Procfile such as 'web: ./server'");
            }
            log.step("Compressing...");
            Slug slug = slugs.put(src);
            log.detail("Done: " + humanSize(slug.sizeBytes()) + " (slug " + slug.id().substring(0, 12) + ")");
            return new BuildOutcome(slug.id(), types, buildpack.name(), manifest);
        } catch (IOException e) {
            serverLog.warn("build of {} {} could not read or write its files", request.app(), request.shortCommit(), e);
            throw new BuildFailed("the build could not read or write its files: " + FailureReasons.appFiles(e, src), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailed("the build was interrupted", e);
        } finally {
            deleteTree(work);
        }
    }

    /** The commit's {@code app.json}, read before any build command runs; a malformed one fails the build. */
    private static AppManifest readManifest(Path src) throws BuildFailed, IOException {
        try {
            return MANIFESTS.read(src);
        } catch (InvalidAppManifest e) {
            throw new BuildFailed(e.getMessage(), e);
        }
    }

    private static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format("%.1fK", bytes / 1024.0) : String.format("%.1fM", bytes / (1024.0 * 1024));
    }

    /** Removes a directory tree; links are removed, never followed. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next start's clean-up; the build's result does not depend on it
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
