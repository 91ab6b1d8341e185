package dev.ferry.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the app of a directory as Heroku's CLI does: the URL of its {@code ferry} git remote
 * ({@code git remote get-url ferry}), whose last path segment without {@code .git} is the app name, as in
 * {@code http://localhost:7070/git/hello.git} or {@code ssh://git@localhost:2222/hello.git}.
 */
public final class GitRemote {

    /** The name of the git remote that points at Ferry. */
    public static final String REMOTE = "ferry";

    private GitRemote() {
    }

    /** The app of the {@code ferry} remote of {@code dir}; empty when git, the repository or the remote is missing. */
    public static Optional<String> app(Path dir) {
        try {
            Process git = new ProcessBuilder("git", "remote", "get-url", REMOTE)
                    .directory(dir.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            String url = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 ? appOfUrl(url) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The last path segment of a remote URL without {@code .git}; empty when there is none. */
    public static Optional<String> appOfUrl(String url) {
        String path = url.strip();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
        String last = path.substring(slash + 1);
        if (last.endsWith(".git")) {
            last = last.substring(0, last.length() - 4);
        }
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }
}
