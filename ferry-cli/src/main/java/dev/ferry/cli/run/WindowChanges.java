package dev.ferry.cli.run;

/**
 * Sends the terminal's new size to a running {@code ferry run} each time the window changes (SIGWINCH, through
 * the JDK's {@code sun.misc.Signal}, which every HotSpot build has). Where that signal cannot be handled the
 * process keeps the size it started with.
 */
public final class WindowChanges {

    private WindowChanges() {
    }

    public static void follow(LocalTerminal terminal, RunSocketClient.Resizer resizer) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"),
                    signal -> terminal.size().ifPresent(cr -> resizer.resize(cr[0], cr[1])));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGWINCH here: the size stays as it started
        }
    }
}
