package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventStore;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;

/** The store's reads of the audit trail, which the other {@code *Commands} write with {@link EventRows#record}. */
public final class EventCommands implements EventStore {

    private final Database db;

    public EventCommands(Database db) {
        this.db = db;
    }

    @Override
    public Paged<Event> events(AppName name, Page page) {
        long before = Pages.before(page);
        return db.read(tx -> Pages.of(page,
                EventRows.ofApp(tx, AppRows.require(tx, name), before, page.limit() + 1), Event::id));
    }

    @Override
    public Paged<Event> events(Page page) {
        long before = Pages.before(page);
        return db.read(tx -> Pages.of(page, EventRows.all(tx, before, page.limit() + 1), Event::id));
    }
}
