package dev.ferry.runtime.local;

import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.runtime.process.ChildCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizes the PTY of a {@code ferry run} process on a terminal: finds the first process under it whose standard
 * input is a PTY ({@code script}'s child, inside the sandbox's own {@code /dev/pts}) and runs
 * {@code stty -F /proc/PID/fd/0 cols C rows R} from the host, which opens that terminal through {@code /proc}; the
 * kernel then sends SIGWINCH to the terminal's foreground processes. Best effort: a process that has gone, or a
 * host where that open is refused, keeps its old size (logged at debug).
 */
final class TerminalResize {

    private static final Logger log = LoggerFactory.getLogger(TerminalResize.class);

    private TerminalResize() {
    }

    static void resize(ProcessHandle root, OneOffCommand.Terminal size) {
        Optional<Path> tty = root.descendants().map(TerminalResize::terminalInput).flatMap(Optional::stream).findFirst();
        if (tty.isEmpty()) {
            log.debug("no terminal under {} to resize", root.pid());
            return;
        }
        try {
            ChildCommand.run(List.of("stty", "-F", tty.get().toString(), "cols", Integer.toString(size.columns()),
                    "rows", Integer.toString(size.rows())), Duration.ofSeconds(5));
        } catch (IOException e) {
            log.debug("could not resize {}: {}", tty.get(), e.toString());
        }
    }

    private static Optional<Path> terminalInput(ProcessHandle p) {
        Path fd = Path.of("/proc", Long.toString(p.pid()), "fd", "0");
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("/dev/pts/") ? Optional.of(fd) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
