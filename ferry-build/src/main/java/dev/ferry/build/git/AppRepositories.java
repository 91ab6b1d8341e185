package dev.ferry.build.git;

import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare repositories of apps, {@code <data-dir>/repos/<app>.git}, each created on the first git request
 * to an app that exists (so an app made before git support existed gets one too). Thread-safe: creation is
 * serialised, opening is not.
 */
public final class AppRepositories {

    private final Path dir;

    public AppRepositories(Path dir) {
        this.dir = dir;
    }

    /** The directory of {@code app}'s repository. */
    public Path path(AppName app) {
        return dir.resolve(app.value() + ".git");
    }

    /** Creates {@code app}'s bare repository unless it exists. */
    public synchronized void ensure(AppName app) throws IOException {
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

    /** Opens {@code app}'s existing repository; the caller closes it. */
    public Repository open(AppName app) throws IOException {
        return new FileRepositoryBuilder().setGitDir(path(app).toFile()).setBare().setMustExist(true).build();
    }
}
