package dev.ferry.build.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.UserId;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pusher and the kept build record see of a build that failed for a reason of the server. */
class BuildFailureMessagesTest {

    @TempDir
    Path dataDir;

    private final MemoryBuildStore records = new MemoryBuildStore();
    private BuildQueue queue;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close();
        }
    }

    /** Runs every build through {@code failure}, which throws what the build step would. */
    private List<String> push(Function<Path, Exception> failure) throws Exception {
        BuildRunner runner = new BuildRunner() {
            @Override
            public BuildOutcome build(Build build, BuildLog log) throws BuildFailed {
                Exception e = failure.apply(dataDir);
                if (e instanceof BuildFailed f) {
                    throw f;
                }
                throw (RuntimeException) e;
            }

            @Override
            public void moveBranch(Build build) {
            }
        };
        queue = new BuildQueue(BuildConfig.in(dataDir), records, runner, (request, outcome, progress) -> {
            throw new AssertionError("nothing is released");
        });
        List<String> out = new CopyOnWriteArrayList<>();
        BuildTicket ticket = queue.submit(new BuildRequest(AppName.of("hello"), "a".repeat(40), "main", new UserId(1)),
                out::add);
        assertThatThrownBy(ticket::await).isInstanceOf(BuildFailed.class)
                .hasMessageNotContaining(dataDir.toString());
        assertThat(records.get(ticket.build().id()).failure()).get().asString().doesNotContain(dataDir.toString());
        return out;
    }

    @Test
    void aStoreFailureIsASentenceWithoutTheDatabasesPath() throws Exception {
        List<String> out = push(dir -> new StoreUnavailable("The database " + dir.resolve("ferry.db") + " failed", null));

        assertThat(String.join("\n", out))
                .contains("the build failed: the platform's store is unavailable; the server log has the details")
                .doesNotContain(dataDir.toString());
    }

    @Test
    void aBuildStepsMessageLosesTheWorkDirectory() throws Exception {
        List<String> out = push(dir -> new BuildFailed("cannot run npm (in directory \"" + dir.resolve("builds/x/src")
                + "\"): error=2, No such file or directory"));

        assertThat(String.join("\n", out))
                .contains("cannot run npm (in directory \"<server path>\"): error=2, No such file or directory")
                .doesNotContain(dataDir.toString());
    }
}
