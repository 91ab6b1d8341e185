package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Route;
import dev.ferry.store.KillAfterAcks;
import java.nio.file.Path;
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
        int lastAcked = KillAfterAcks.run(JournalWriterMain.class, journal.toString(), ACKS_BEFORE_KILL, childErrors);

        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            for (int i = 0; i <= lastAcked; i++) {
                Route route = reopened.table().route(JournalWriterMain.domain(i));
                assertThat(route).as("route %d of %d acked", i, lastAcked + 1).isNotNull();
                assertThat(route.endpoints()).containsExactly(JournalWriterMain.endpoint(i));
            }
            assertThat(reopened.table().route("churn.local")).isNotNull();
        }
    }
}
