package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the store's audit trail: who changed what, and when. Every use-case method of {@link Store}
 * that changes something records one in the same transaction. Events outlive the app they are about, so
 * the trail shows who destroyed it; a new app of the same name does not inherit them. Details never
 * contain config values or token secrets.
 *
 * @param id increases with time; the newest event has the highest
 * @param actor the user who made the change; empty for the platform itself (first start)
 * @param actorEmail that user's address when the change was made
 * @param app the app concerned; empty for users and tokens
 * @param detail a sentence for people, as in {@code Set A, B config vars}
 */
public record Event(long id, Optional<UserId> actor, Optional<String> actorEmail, Optional<AppName> app,
                    EventAction action, String detail, Instant time) {

    public Event {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorEmail, "actorEmail");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(time, "time");
    }
}
