package dev.ferry.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Unpacks a slug into a fresh directory (not the build's) and runs one process type there the way a runtime
 * does: {@code sh -c <command>} in the app's directory with {@code PORT} and {@code HOME} set.
 */
public final class SlugRun {

    private SlugRun() {
    }

    /** Unpacks {@code slug} into {@code dir}, which is created. */
    public static Path unpack(Path slug, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "-xzf", slug.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes());
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(out).isZero();
        return dir;
    }

    /** Runs {@code command} in {@code app} and returns the body of {@code GET /} once it answers (within 30 s). */
    public static String getRoot(Path app, String command) throws Exception {
        int port = FreePorts.loopback();
        Path output = Files.createTempFile("slug-run", ".log");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("HOME", app.toString());
        Process process = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        try {
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return r.body();
                    }
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            throw new AssertionError("'" + command + "' did not answer GET / within 30 s; its output: "
                    + Files.readString(output));
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Files.deleteIfExists(output);
        }
    }
}
