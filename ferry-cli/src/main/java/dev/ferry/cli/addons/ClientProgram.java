package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs a database client installed on this machine ({@code psql}, {@code redis-cli}) with an add-on's credentials.
 * The password goes in the child's environment, never on its command line (where {@code ps} would show it). On a
 * terminal the client gets the terminal; otherwise its output is copied to the command's own output.
 */
final class ClientProgram {

    private ClientProgram() {
    }

    /** Runs {@code command} with {@code secrets} added to its environment and answers its exit code. */
    static int run(CliEnvironment env, List<String> command, Map<String, String> secrets, PrintWriter out,
                   PrintWriter err, String packageHint) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(secrets);
        if (env.terminal()) {
            pb.inheritIO();
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliFailure(command.getFirst() + " is not installed on this machine (" + packageHint + ")");
        }
        try {
            if (!env.terminal()) {
                Thread errors = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
                copy(p.getInputStream(), out);
                errors.join();
            }
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 130;
        }
    }

    private static void copy(InputStream in, PrintWriter to) {
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                to.write(new String(buffer, 0, n, StandardCharsets.UTF_8));
                to.flush();
            }
        } catch (IOException e) {
            to.flush();
        }
    }
}
