package dev.ferry.cli.git;

import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code git} client in a directory, within 30 seconds, for the git commands of the CLI. */
final class GitProcess {

    record Result(int exit, String out) {
    }

    private GitProcess() {
    }

    static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new CliFailure("git " + args[0] + " did not finish within 30 seconds");
            }
            return new Result(git.exitValue(), out);
        } catch (IOException e) {
            throw new CliFailure("cannot run git (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while running git");
        }
    }

    static void ok(Path dir, String... args) {
        Result r = run(dir, args);
        if (r.exit() != 0) {
            throw new CliFailure("git " + String.join(" ", args) + " failed: " + r.out().strip());
        }
    }
}
