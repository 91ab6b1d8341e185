package dev.ferry.server.runtime;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An {@link AppLogs} that keeps nothing: the platform's stand-in while no log store is wired. Instances' output
 * is dropped; {@code recent} is always empty.
 */
public final class DiscardingAppLogs implements AppLogs {

    @Override
    public void append(LogLine line) {
    }

    @Override
    public List<LogLine> recent(AppName app, int max, Optional<String> process) {
        return List.of();
    }

    @Override
    public Subscription follow(AppName app, Consumer<LogLine> listener) {
        return () -> { };
    }

    @Override
    public void forget(AppName app) {
    }
}
