package dev.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a writer's {@code main} in a child JVM on this test's class path, reads its {@code acked N} lines
 * (N counting from 0, in order) and kills it with SIGKILL once {@code acks} were read, as a crash would.
 * Used by the durability tests of every store.
 */
public final class KillAfterAcks {

    private KillAfterAcks() {
    }

    /** Returns the last acknowledged N; fails the test if fewer than {@code acks} arrive within 60 s. */
    public static int run(Class<?> writerMain, String argument, int acks, Path childErrors) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), writerMain.getName(), argument)
                .redirectError(childErrors.toFile())
                .start();
        int lastAcked = -1;
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(child, lines), "child-stdout");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAcked + 1 < acks && System.nanoTime() < deadline) {
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
        assertThat(lastAcked + 1).as("acks read from the child; its stderr: %s", Files.readString(childErrors)).isEqualTo(acks);
        return lastAcked;
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
