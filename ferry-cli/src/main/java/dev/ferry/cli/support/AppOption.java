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

    /**
     * The app named by a positional argument ({@code apps:info hello}) or else as {@link #name}; naming two
     * different apps is a failure.
     */
    public String nameOr(String positional, CliEnvironment env) {
        if (positional == null || positional.isBlank()) {
            return name(env);
        }
        return either(positional, app);
    }

    /**
     * The one app named by a positional argument or {@code -a} (neither inferred from git): a command that destroys
     * wants it typed. Fails when neither or two different ones are given.
     */
    public static String either(String positional, String option) {
        String p = positional == null || positional.isBlank() ? null : positional.strip();
        String o = option == null || option.isBlank() ? null : option.strip();
        if (p != null && o != null && !p.equals(o)) {
            throw new CliFailure("two apps given: " + p + " and -a " + o + "; name one");
        }
        if (p == null && o == null) {
            throw new CliFailure("no app given: name it, as in NAME or -a NAME");
        }
        return p != null ? p : o;
    }
}
