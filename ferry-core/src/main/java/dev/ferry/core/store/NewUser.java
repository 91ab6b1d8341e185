package dev.ferry.core.store;

import java.util.Objects;

/** A user just created together with their first API token, whose secret is shown once. */
public record NewUser(User user, NewToken firstToken) {

    public NewUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(firstToken, "firstToken");
    }
}
