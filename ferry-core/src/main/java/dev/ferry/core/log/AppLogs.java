package dev.ferry.core.log;

import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port that gathers each app's one log stream (instances' output, the router's access lines and the
 * platform's events), keeps its last lines on disk within a bound, and hands them to followers
 * ({@code ferry logs -t}) and drains. Implementations are thread-safe and never block the appender on a slow
 * follower or drain.
 */
public interface AppLogs {

    /** Adds a line to its app's stream. */
    void append(LogLine line);

    /**
     * The app's last lines, oldest first.
     *
     * @param max at most this many
     * @param process only lines {@link LogLine#isOf of} this process or process type
     */
    List<LogLine> recent(AppName app, int max, Optional<String> process);

    /** Delivers every line appended to the app's stream from now on, until the handle is closed. */
    Subscription follow(AppName app, Consumer<LogLine> listener);

    /** Drops the app's kept lines ({@code apps:destroy}). */
    void forget(AppName app);

    /** Stops delivery to one follower. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
