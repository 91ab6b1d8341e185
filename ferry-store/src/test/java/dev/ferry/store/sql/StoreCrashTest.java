package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.store.sql.internal.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @Test
    void losesNothingAcknowledgedWhenTheProcessIsKilled() throws Exception {
        Path childErrors = dataDir.resolve("child.err");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConfigWriterMain.class.getName(), dataDir.toString())
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

        try (SqliteStore reopened = SqliteStore.openInDataDir(dataDir)) {
            ConfigVars config = reopened.config(ConfigWriterMain.APP);
            for (int i = 0; i <= lastAcked; i++) {
                assertThat(config.get(ConfigWriterMain.key(i))).as("var %d of %d acked", i, lastAcked + 1)
                        .contains(ConfigWriterMain.value(i));
            }
            int last = Integer.parseInt(config.get("LAST").orElseThrow());
            assertThat(last).as("at most the one unacknowledged set may have landed").isBetween(lastAcked, lastAcked + 1);
            assertThat(config.size()).as("every set landed whole").isEqualTo(last + 2);
            Release newest = reopened.releases(ConfigWriterMain.APP, Page.first(1)).items().getFirst();
            assertThat(newest.version()).isEqualTo(last + 1);
            assertThat(newest.config()).isEqualTo(config);
        }
        try (Connection c = Database.connect(dataDir.resolve(SqliteStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("ok");
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
