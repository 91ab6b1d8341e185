package dev.ferry.server.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.runtime.logs.drain.LogDrains;
import java.util.Objects;
import java.util.Optional;

/**
 * What the log side keeps per app, as one of the platform's {@link AppDataCleanup}s: the app's kept lines in
 * {@link AppLogs} and the senders of its drains. A destroyed app's lines are dropped and its drains stop sending; a
 * renamed app's kept lines are copied, in order, to the stream of its new name (replacing what an earlier app of
 * that name left) (which drains and
 * {@code ferry logs} read from then on), the old stream is dropped, and the drains follow the new name. The last
 * lines of the old instances' stop may still land under the old name; they go with the name's leftovers when a new
 * app takes it.
 */
public final class AppLogData implements AppDataCleanup {

    private final AppLogs logs;
    private final LogDrains drains;

    public AppLogData(AppLogs logs, LogDrains drains) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.drains = Objects.requireNonNull(drains, "drains");
    }

    @Override
    public void removeDataOf(DestroyedApp destroyed) {
        logs.forget(destroyed.app().name());
        drains.refresh(destroyed.app().name());
    }

    /** The copied lines reach the stream before the drains follow it, so no drain sends a line twice. */
    @Override
    public void moveDataOf(AppName from, AppName to) {
        logs.forget(to);
        for (LogLine line : logs.recent(from, Integer.MAX_VALUE, Optional.empty())) {
            logs.append(new LogLine(line.at(), to, line.source(), line.process(), line.text()));
        }
        logs.forget(from);
        drains.refresh(from);
        drains.refresh(to);
    }
}
