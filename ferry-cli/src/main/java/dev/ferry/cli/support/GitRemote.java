package dev.ferry.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the app of a directory as Heroku's CLI does: the URL of its {@code ferry} git remote
 * ({@code git remote get-url ferry}), whose last path segment without {@code .git} is the app name, as in
 * {@code http://localhost:7070/git/hello.git} or {@code ssh://git@localhost:2222/hello.git}; and points that
 * remote at a renamed app ({@link #retarget}).
 */
public final class GitRemote {

    /** The name of the git remote that points at Ferry. */
    public static final String REMOTE = "ferry";

    private GitRemote() {
    }

    /** The app of the {@code ferry} remote of {@code dir}; empty when git, the repository or the remote is missing. */
    public static Optional<String> app(Path dir) {
        return git(dir, "remote", "get-url", REMOTE).flatMap(GitRemote::appOfUrl);
    }

    /**
     * Points the {@code ferry} remote of {@code dir} at the app's new name when it points at {@code from}
     * ({@code apps:rename}), keeping its form (HTTP or SSH, host and port).
     *
     * @return the remote's new URL; empty when there is no such remote, it names another app, or git failed
     */
    public static Optional<String> retarget(Path dir, String from, String to) {
        Optional<String> url = git(dir, "remote", "get-url", REMOTE);
        if (url.isEmpty() || !appOfUrl(url.get()).equals(Optional.of(from))) {
            return Optional.empty();
        }
        String old = url.get().strip().replaceAll("/+$", "");
        String renamed = old.substring(0, old.length() - (old.endsWith(".git") ? from.length() + 4 : from.length()))
                + to + (old.endsWith(".git") ? ".git" : "");
        return git(dir, "remote", "set-url", REMOTE, renamed).map(ignored -> renamed);
    }

    /** Runs git in {@code dir} (10 s at most); its output when it succeeded. */
    private static Optional<String> git(Path dir, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process git = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
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
