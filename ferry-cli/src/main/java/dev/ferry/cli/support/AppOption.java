package dev.ferry.cli.support;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import picocli.CommandLine.Option;

/**
 * The {@code -a/--app APP} option of every app command, mixed in with {@code @Mixin}. Without it, the app
 * is the one of the {@code ferry} git remote of the current directory ({@link GitRemote}).
 */
public final class AppOption {

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "The app; default: the app of the 'ferry' git remote of the current directory.")
    String app;

    /** The app named by {@code -a}, else by the git remote; otherwise a failure saying what to do. */
    public String name(CliEnvironment env) {
        if (app != null && !app.isBlank()) {
            return app.strip();
        }
        return GitRemote.app(env.workingDir()).orElseThrow(() -> new CliFailure(
                "no app given: pass -a APP, or run this in a git repository with a 'ferry' remote"));
    }
}
