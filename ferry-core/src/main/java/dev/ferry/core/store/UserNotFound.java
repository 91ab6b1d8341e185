package dev.ferry.core.store;

/** There is no user with the id or e-mail address given. */
public final class UserNotFound extends StoreException {

    private final String user;

    public UserNotFound(String user) {
        super("user_not_found", "Couldn't find a user " + user + ".");
        this.user = user;
    }

    public String user() {
        return user;
    }
}
