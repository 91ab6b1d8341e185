package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP clients run as child processes (curl, nghttp) by the HTTP/2 tests: the command's stdout and stderr
 * together, once it has ended, within 20 seconds.
 */
final class ClientCommands {

    private ClientCommands() {
    }

    /** The output of {@code command}, whatever its exit code. */
    static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(out).isTrue();
        return out;
    }

    /** The output of {@code command}, which must exit with 0. */
    static String succeeded(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
