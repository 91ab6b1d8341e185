package dev.ferry.core.store;

/** The owner of an app cannot be removed from its collaborators. */
public final class OwnerNotRemovable extends StoreException {

    private final AppName app;
    private final String email;

    public OwnerNotRemovable(AppName app, String email) {
        super("owner_not_removable", email + " owns " + app + " and cannot be removed from it.");
        this.app = app;
        this.email = email;
    }

    public AppName app() {
        return app;
    }

    public String email() {
        return email;
    }
}
