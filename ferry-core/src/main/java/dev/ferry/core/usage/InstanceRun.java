package dev.ferry.core.usage;

import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.Objects;

/**
 * One lifetime of one instance (one process of {@code web.1}, from its start to its stop), as
 * {@link UsageStore#instanceStarted} records it.
 *
 * @param id      unique across runs, e.g. {@code hello/web.1/4711/1733356800000}
 * @param started when the instance's process started
 */
public record InstanceRun(String id, AppName app, String processType, Instant started) {

    public InstanceRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(processType, "processType");
        Objects.requireNonNull(started, "started");
        if (id.isBlank() || id.length() > 255) {
            throw new IllegalArgumentException("an instance run id has 1 to 255 characters");
        }
    }
}
