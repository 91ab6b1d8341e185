package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.store.KillAfterAcks;
import dev.ferry.store.sql.internal.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @Test
    void losesNothingAcknowledgedWhenTheProcessIsKilled() throws Exception {
        Path childErrors = dataDir.resolve("child.err");
        int lastAcked = KillAfterAcks.run(ConfigWriterMain.class, dataDir.toString(), ACKS_BEFORE_KILL, childErrors);

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
        try (Connection c = SqliteDatabase.connect(dataDir.resolve(SqliteStore.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
    }
}
