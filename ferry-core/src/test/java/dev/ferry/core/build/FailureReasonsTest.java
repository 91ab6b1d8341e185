package dev.ferry.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.StoreUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    @Test
    void hidesTheStoresFileBehindASentence() {
        StoreUnavailable e = new StoreUnavailable("The database /srv/ferry/data/ferry.db failed: [SQLITE_BUSY]", null);

        assertThat(FailureReasons.of(e)).isEqualTo("the platform's store is unavailable; the server log has the details")
                .doesNotContain("/srv");
    }

    @Test
    void keepsTheSentenceOfAStoreConditionTheUserCanActOn() {
        assertThat(FailureReasons.of(new AppNotFound(new AppName("hello")))).contains("hello");
    }

    @Test
    void hidesFileFailuresAndUnexpectedOnes() {
        assertThat(FailureReasons.of(new UncheckedIOException(new IOException("/srv/ferry/data/slugs/x: disk full"))))
                .isEqualTo("the server could not read or write its files; the server log has the details");
        assertThat(FailureReasons.of(new IllegalStateException("/srv/ferry/data/repos/hello.git is locked")))
                .isEqualTo("an unexpected error on the server; the server log has the details");
    }

    @Test
    void showsTheAppsOwnFilesRelativeAndNoOtherPath() {
        Path src = Path.of("/srv/ferry/data/builds/hello-1/src");

        assertThat(FailureReasons.appFiles(new NoSuchFileException("/srv/ferry/data/builds/hello-1/src/bin/server"), src))
                .isEqualTo("bin/server");
        assertThat(FailureReasons.appFiles(new IOException("cannot link /srv/ferry/data/cache/hello to the app"), src))
                .isEqualTo("cannot link <server path> to the app");
    }

    @Test
    void leavesAddressesAndRelativePathsAlone() {
        assertThat(FailureReasons.withoutPaths("drain https://logs.example.com/in already exists; see docs/a.md"))
                .isEqualTo("drain https://logs.example.com/in already exists; see docs/a.md");
    }

    @Test
    void hidesPathsInTheDataDirectoryOnly() {
        Path data = Path.of("/srv/ferry/data");

        assertThat(FailureReasons.withoutPathsIn("cannot run npm (in directory \"/srv/ferry/data/builds/x/src\"):"
                + " error=2; check /app/bin", data))
                .isEqualTo("cannot run npm (in directory \"<server path>\"): error=2; check /app/bin");
    }
}
