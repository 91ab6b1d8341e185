package dev.ferry.runtime.local;

import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.ShellQuoting;
import java.util.ArrayList;
import java.util.List;

/**
 * The program line a {@code ferry run} process starts with inside the sandbox. Every signal's handling is reset
 * first ({@code env --default-signal}): a Ferry started in the background of a script ignores SIGINT, and its
 * children would inherit that, so Ctrl-C would not reach them. On pipes: a three-line launcher
 * that says {@code ferry: X: command not found} and exits 127 when the program is nowhere on {@code PATH}, then
 * {@code exec}s the words exactly as given. On a terminal: the same launcher under util-linux {@code script},
 * which gives it a PTY (no native code in Ferry), sized with {@code stty} before the program starts;
 * {@code script -e} exits with the program's exit code.
 */
final class OneOffArgv {

    /** {@code $0} of the launcher, named in the shell's own messages. */
    static final String NAME = "ferry-run";
    /** Finds the program first, so that a missing one is "not found", not the shell's "Permission denied" for some unreadable PATH entry. */
    static final String LAUNCHER = "command -v \"$1\" >/dev/null 2>&1 || "
            + "{ printf 'ferry: %s: command not found\\n' \"$1\" >&2; exit 127; }; exec \"$@\"";

    private OneOffArgv() {
    }

    static List<String> of(OneOffCommand command) {
        List<String> launch = new ArrayList<>(List.of("env", "--default-signal", "sh", "-c", LAUNCHER, NAME));
        launch.addAll(command.argv());
        if (command.terminal().isEmpty()) {
            return launch;
        }
        OneOffCommand.Terminal size = command.terminal().get();
        String line = "stty cols " + size.columns() + " rows " + size.rows() + " 2>/dev/null; exec "
                + ShellQuoting.join(launch);
        return List.of("script", "--quiet", "--return", "--command", line, "/dev/null");
    }
}
