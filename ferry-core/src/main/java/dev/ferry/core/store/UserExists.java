package dev.ferry.core.store;

/** A user with this e-mail address already exists. */
public final class UserExists extends StoreException {

    private final String email;

    public UserExists(String email) {
        super("user_exists", "A user with the e-mail address " + email + " already exists.");
        this.email = email;
    }

    public String email() {
        return email;
    }
}
