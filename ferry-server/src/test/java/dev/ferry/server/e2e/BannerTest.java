package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ferry up} prints when it has started, as a person reads it in the terminal. */
class BannerTest {

    @TempDir
    Path dir;

    @Test
    void printsWhereEverythingIsOnLinesOfItsOwn() throws Exception {
        ChildFerry ferry = new ChildFerry(dir);
        try {
            ferry.start("up");
            await().atMost(Duration.ofSeconds(10)).until(() -> ferry.log("up").contains("curl http://hello.localhost:"));
            String out = ferry.log("up");
            assertThat(out).as(out).doesNotContain("\\n");
            assertThat(out.lines()).as(out)
                    .anyMatch(l -> l.startsWith("  apps ") && l.contains("http://<name>.localhost:"))
                    .anyMatch(l -> l.startsWith("  API ") && l.contains("/api"))
                    .anyMatch(l -> l.startsWith("  ./ferry apps:create hello"));
        } finally {
            ferry.stop();
        }
    }
}
