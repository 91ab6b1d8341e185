package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCrashTest {

    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @Test
    void losesNothingAcknowledgedWhenTheProcessIsKilled() throws Exception {
        Path journal = dir.resolve("routes.journal");
        Path childErrors = dir.resolve("child.err");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalWriterMain.class.getName(), journal.toString())
                .redirectError(childErrors.toFile())
                .start();
        int lastAcked = -1;
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(child, lines), "child-stdout");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAcked + 1 < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("acked ")) {
                    int n = Integer.parseInt(line.substring(6));
                    assertThat(n).isEqualTo(lastAcked + 1);
                    lastAcked = n;
                }
                if (line == null && !child.isAlive()) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAcked + 1).as("acks read from the child; its stderr: %s", Files.readString(childErrors))
                .isEqualTo(ACKS_BEFORE_KILL);

        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            for (int i = 0; i <= lastAcked; i++) {
                Route route = reopened.table().route(JournalWriterMain.domain(i));
                assertThat(route).as("route %d of %d acked", i, lastAcked + 1).isNotNull();
                assertThat(route.endpoints()).containsExactly(JournalWriterMain.endpoint(i));
            }
            assertThat(reopened.table().route("churn.local")).isNotNull();
        }
    }

    private static void readLines(Process child, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child was killed; what was read is what counts.
        }
    }
}
