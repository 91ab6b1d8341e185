package dev.ferry.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the CLI reads from its surroundings, injectable so tests never depend on the real environment:
 * environment variables, the home directory, and whether stdout is a terminal.
 *
 * @param env      the environment variables ({@code FERRY_API_URL}, {@code FERRY_API_TOKEN},
 *                 {@code FERRY_DATA_DIR}, {@code XDG_CONFIG_HOME}, {@code NO_COLOR}, {@code TERM})
 * @param home     the user's home directory ({@code ~}): {@code $HOME}, else Java's {@code user.home}
 * @param terminal true when output goes to a terminal (colour is used only then)
 * @param workingDir the current directory, where {@code -a} is inferred from the {@code ferry} git remote
 */
public record CliEnvironment(Map<String, String> env, Path home, boolean terminal, Path workingDir) {

    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /** An environment whose working directory is the process's. */
    public CliEnvironment(Map<String, String> env, Path home, boolean terminal) {
        this(env, home, terminal, Path.of(System.getProperty("user.dir")));
    }

    /** The process's real environment. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), home(System.getenv(), System.getProperty("user.home")), isTerminal());
    }

    /**
     * The home directory as shells and other tools see it: {@code $HOME} when it is an absolute path, else Java's
     * {@code user.home} (read from the password database, which ignores {@code HOME}). Two platforms run with
     * different {@code HOME}s on one machine so keep separate credentials.
     */
    static Path home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(userHome);
    }

    /** This environment in another working directory. */
    public CliEnvironment inDirectory(Path dir) {
        return new CliEnvironment(env, home, terminal, dir);
    }

    /** A variable's value, or {@code null} when unset or empty. */
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** True when colour may be used: a terminal, no {@code NO_COLOR}, and not {@code TERM=dumb}. */
    public boolean colour() {
        return terminal && get("NO_COLOR") == null && !"dumb".equals(get("TERM"));
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() is non-null even when redirected; isTerminal() tells the truth.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
