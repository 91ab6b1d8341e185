package dev.ferry.core.store;

import java.util.List;

/**
 * The store's log drains: where each app's log stream is also sent. Per-app {@link AppLimits#maxDrains} is checked
 * in the transaction of {@link #addDrain}. The logs API changes them; the runtime's drain senders read them.
 *
 * <p>Each method is one use case and one transaction, and each change records its {@link Event}, as
 * {@link Store} describes for every port of the store. Safe for use by many threads.
 */
public interface DrainStore {

    /**
     * Adds a log drain to an app ({@code drains:add URL}) with a new id and token.
     *
     * @param url checked and normalised by {@link Drain#checkUrl}
     * @throws AppNotFound when there is no such app
     * @throws DrainExists when the app has a drain with this URL
     * @throws LimitExceeded when the app has {@link AppLimits#maxDrains} already
     * @throws IllegalArgumentException when the URL is not a drain URL; the message says why
     */
    Drain addDrain(AppName app, String url, UserId by);

    /**
     * The app's drains, oldest first.
     *
     * @throws AppNotFound when there is no such app
     */
    List<Drain> drains(AppName app);

    /**
     * Removes the app's drain with this URL (compared after {@link Drain#checkUrl}) or token.
     *
     * @throws AppNotFound when there is no such app
     * @throws DrainNotFound when the app has no such drain
     */
    void removeDrain(AppName app, String urlOrToken, UserId by);

    /** Every drain of every app, by app then oldest first (the runtime starts them at start-up). */
    List<Drain> allDrains();
}
