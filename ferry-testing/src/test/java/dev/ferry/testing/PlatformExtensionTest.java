package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PlatformExtensionTest {

    /** What a test starts: writes into its data directory, remembers being closed. */
    private static final class Started implements AutoCloseable {
        final Path dataDir;
        final AtomicBoolean closed = new AtomicBoolean();

        Started(Path dataDir) throws Exception {
            this.dataDir = dataDir;
            Files.writeString(Files.createDirectories(dataDir.resolve("store")).resolve("ferry.db"), "data");
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void startsOnAFreshDataDirectoryAndStopsAndDeletesItAfterTheTest() throws Exception {
        PlatformExtension<Started> extension = PlatformExtension.starting(Started::new);

        extension.beforeEach(null);
        Started started = extension.get();
        Path dir = extension.dataDir();
        assertThat(started.dataDir).isEqualTo(dir);
        assertThat(dir.resolve("store/ferry.db")).hasContent("data");

        extension.afterEach(null);
        assertThat(started.closed).isTrue();
        assertThat(dir).doesNotExist();
        assertThatThrownBy(extension::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavesNothingBehindWhenTheStartFails() throws Exception {
        Path[] seen = new Path[1];
        PlatformExtension<Started> extension = PlatformExtension.starting(dir -> {
            seen[0] = dir;
            throw new IllegalStateException("port taken");
        });

        assertThatThrownBy(() -> extension.beforeEach(null)).hasMessage("port taken");
        assertThat(seen[0]).doesNotExist();
        extension.afterEach(null);
    }
}
