package dev.ferry.addons;

import dev.ferry.core.addons.AddonBackupFailed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the host's PostgreSQL client programs ({@code pg_dump}, {@code pg_restore}) against an add-on's database
 * with its own credentials: the connection string without the password on the command line (so it shows in no
 * process list), the password in the child's {@code PGPASSWORD}. Its error output is kept (the last 4 KiB) to say why
 * it failed; a run longer than the limit is killed.
 */
final class PostgresClientProgram {

    private static final int KEPT_ERROR_BYTES = 4096;

    private PostgresClientProgram() {
    }

    /**
     * Runs {@code program args… --dbname=<url without password>} and waits for it.
     *
     * @param what what is being done, for the error message ("dump add-on x")
     * @throws AddonBackupFailed when the program cannot start, exits non-zero or outlasts {@code limit}
     */
    static void run(String program, List<String> args, AddonServerUrl url, Duration limit, String what) {
        List<String> command = new ArrayList<>();
        command.add(PostgresBinaries.program(program));
        command.addAll(args);
        command.add("--dbname=postgresql://" + url.user() + "@" + url.hostAndPort() + "/" + url.database()
                + "?connect_timeout=5");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        url.password().ifPresent(pw -> builder.environment().put("PGPASSWORD", pw));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AddonBackupFailed("Could not " + what + ": " + program + " is not installed on the Ferry host"
                    + " (Debian: apt-get install postgresql-client)");
        }
        try (InputStream err = process.getErrorStream()) {
            byte[] tail = tail(err);
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AddonBackupFailed("Could not " + what + ": " + program + " took longer than " + limit);
            }
            if (process.exitValue() != 0) {
                String reason = new String(tail, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                throw new AddonBackupFailed("Could not " + what + ": " + program + " failed: "
                        + (reason.isEmpty() ? "exit code " + process.exitValue() : reason));
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new AddonBackupFailed("Could not " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AddonBackupFailed("Could not " + what + ": interrupted");
        }
    }

    /** Reads a stream to its end, keeping only its last {@value #KEPT_ERROR_BYTES} bytes. */
    private static byte[] tail(InputStream in) throws IOException {
        byte[] kept = new byte[0];
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            byte[] joined = new byte[Math.min(KEPT_ERROR_BYTES, kept.length + n)];
            int fromKept = joined.length - n < 0 ? 0 : joined.length - n;
            System.arraycopy(kept, kept.length - fromKept, joined, 0, fromKept);
            System.arraycopy(buffer, Math.max(0, n - joined.length), joined, fromKept, Math.min(n, joined.length));
            kept = joined;
        }
        return kept;
    }
}
