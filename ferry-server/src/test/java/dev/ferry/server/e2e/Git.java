package dev.ferry.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} client in a temporary repository, isolated from the machine's git configuration
 * (its own {@code HOME}, no system config, never prompting).
 */
final class Git {

    record Result(int exit, String output) {
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    Git(Path dir, Path home) throws IOException {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(home);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_AUTHOR_NAME", "Ferry Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "Ferry Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        env.put("LC_ALL", "C");
    }

    /** Adds a variable to the environment of every git command (and of the helpers git runs). */
    Git env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path dir() {
        return dir;
    }

    /** {@code git init -b main}. */
    Git init() {
        ok("init", "-q", "-b", "main");
        return this;
    }

    /** Writes a file of the work tree. */
    Git write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    /** Stages everything and commits; returns the commit id. */
    String commit(String message) {
        ok("add", "-A");
        ok("commit", "-q", "--allow-empty", "-m", message);
        return ok("rev-parse", "HEAD").output().strip();
    }

    /** Runs git and fails the test unless it exits 0. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
        }
        return r;
    }

    /** Runs git with stdout and stderr merged, within two minutes. */
    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A {@code -c credential.helper=...} pair that answers every request with this token. */
    static String[] tokenHelper(String token) {
        return new String[] {"-c", "credential.helper=", "-c",
                "credential.helper=!f() { test \"$1\" = get && echo username=ferry && echo password=" + token + "; }; f"};
    }
}
