package dev.ferry.core.store;

/** The user already has access to the app, as its owner or a collaborator. */
public final class CollaboratorExists extends StoreException {

    private final AppName app;
    private final String email;

    public CollaboratorExists(AppName app, String email) {
        super("collaborator_exists", email + " already has access to " + app + ".");
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
