package dev.ferry.build;

import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.DestroyedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes what the build side keeps for a destroyed app ({@link AppDataCleanup}): its bare repository
 * {@code repos/<app>.git}, its build cache {@code cache/<app>/}, the kept output of its builds
 * {@code build-logs/<id>.log} and the slugs no other app uses {@code slugs/<sha256>.tar.gz}. Links are removed,
 * never followed. Everything that can be deleted is; the first failure is then reported. A renamed app's
 * repository and build cache move to its new name ({@link #moveDataOf}); build output and slugs are not kept by name.
 */
public final class BuildDataCleanup implements AppDataCleanup {

    private final BuildConfig config;

    public BuildDataCleanup(BuildConfig config) {
        this.config = config;
    }

    @Override
    public void removeDataOf(DestroyedApp destroyed) throws IOException {
        AppName app = destroyed.app().name();
        List<IOException> failures = new ArrayList<>();
        deleteTree(config.reposDir().resolve(app.value() + ".git"), failures);
        deleteTree(config.cacheDir().resolve(app.value()), failures);
        for (BuildId build : destroyed.builds()) {
            delete(config.buildLogsDir().resolve(build + ".log"), failures);
        }
        for (String slug : destroyed.unusedSlugs()) {
            if (slug.matches("[0-9a-f]{64}")) {
                delete(config.slugsDir().resolve(slug + ".tar.gz"), failures);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public void moveDataOf(AppName from, AppName to) throws IOException {
        move(config.reposDir().resolve(from.value() + ".git"), config.reposDir().resolve(to.value() + ".git"));
        move(config.cacheDir().resolve(from.value()), config.cacheDir().resolve(to.value()));
    }

    /** Replaces what an earlier app of the new name left at {@code to}. */
    private static void move(Path from, Path to) throws IOException {
        List<IOException> failures = new ArrayList<>();
        deleteTree(to, failures);
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteTree(Path dir, List<IOException> failures) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> delete(p, failures));
        } catch (IOException | UncheckedIOException e) {
            failures.add(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private static void delete(Path file, List<IOException> failures) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failures.add(e);
        }
    }
}
