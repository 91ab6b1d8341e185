package dev.ferry.core.store;

/** The user is not a collaborator of the app. */
public final class CollaboratorNotFound extends StoreException {

    private final AppName app;
    private final String email;

    public CollaboratorNotFound(AppName app, String email) {
        super("collaborator_not_found", email + " is not a collaborator of " + app + ".");
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
