package dev.ferry.core.store;

import java.util.Locale;

/** A build cannot make this move from its current status, e.g. start a build that has already finished. */
public final class BuildStatusConflict extends StoreException {

    private final BuildId id;
    private final BuildStatus status;

    public BuildStatusConflict(BuildId id, BuildStatus status, String move) {
        super("build_status_conflict", "Build " + id + " cannot " + move + ": it is "
                + status.name().toLowerCase(Locale.ROOT) + ".");
        this.id = id;
        this.status = status;
    }

    public BuildId id() {
        return id;
    }

    public BuildStatus status() {
        return status;
    }
}
