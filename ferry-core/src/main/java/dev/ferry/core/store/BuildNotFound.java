package dev.ferry.core.store;

/** The app has no build with this id. */
public final class BuildNotFound extends StoreException {

    private final BuildId id;

    public BuildNotFound(BuildId id) {
        super("build_not_found", "There is no build " + id + ".");
        this.id = id;
    }

    public BuildId id() {
        return id;
    }
}
