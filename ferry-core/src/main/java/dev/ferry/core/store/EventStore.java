package dev.ferry.core.store;

/**
 * The store's audit trail, read side: the {@link Event}s that every change through the other ports of the
 * {@link Store} recorded in its own transaction. Events are never changed or removed, not even with their app.
 * Safe for use by many threads.
 */
public interface EventStore {

    /**
     * The events about one app, newest first.
     *
     * @throws AppNotFound when there is no such app
     */
    Paged<Event> events(AppName app, Page page);

    /** Every event, newest first (for admins). */
    Paged<Event> events(Page page);
}
