package dev.ferry.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** A JGit repository with a work tree in a temporary directory, for building commits in tests. */
public final class TestRepo implements AutoCloseable {

    private final Git git;
    private final Path dir;

    public TestRepo(Path dir) throws GitAPIException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public TestRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** Commits every file of the work tree; returns the commit id. */
    public String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").setAllowEmpty(true).setSign(false).call();
        return c.getName();
    }

    public Repository repository() {
        return git.getRepository();
    }

    @Override
    public void close() {
        git.close();
    }
}
