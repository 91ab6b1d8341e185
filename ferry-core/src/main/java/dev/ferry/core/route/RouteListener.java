package dev.ferry.core.route;

/**
 * The receiving end of a {@link RouteRegistry}'s change stream. Calls for one subscription are never
 * concurrent and arrive in order: first {@link #onSnapshot} with the whole table, then one
 * {@link #onChange} per diff. A registry that loses and regains its source calls {@link #onSnapshot} again.
 */
public interface RouteListener {

    /** The whole table: at subscription, and again after any resynchronisation. */
    void onSnapshot(RouteTable table);

    /** One diff, to be applied to the last table received. */
    void onChange(RouteChange change);

    /**
     * The registry cannot deliver changes for now; the subscriber keeps what it has (routers go on serving
     * their last table). Called at most once per outage.
     */
    default void onRegistryFailure(Throwable cause) {
    }
}
