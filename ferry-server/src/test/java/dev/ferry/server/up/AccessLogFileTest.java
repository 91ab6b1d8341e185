package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AccessLogFileTest {

    @TempDir
    Path logs;

    @Test
    void writesBufferedLinesWithinASecondAndOnClose() throws Exception {
        ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ferry.access");
        ch.qos.logback.classic.Level before = access.getLevel();
        access.setLevel(ch.qos.logback.classic.Level.INFO);
        try (AccessLogFile file = AccessLogFile.attach(logs)) {
            access.info("first line");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(file.file()).contains("first line"));
            access.info("last line");
            file.close();
            assertThat(Files.readString(file.file())).isEqualTo("first line\nlast line\n");
        } finally {
            access.detachAppender("access-file");
            access.setLevel(before);
        }
    }
}
