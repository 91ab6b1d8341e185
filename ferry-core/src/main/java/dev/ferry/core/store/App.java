package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;

/** An app: a name, the user who owns it, and when it was created. Collaborators are kept apart. */
public record App(AppName name, UserId owner, Instant createdAt) {

    public App {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
