package dev.ferry.core.store;

/**
 * The store as one resource: a probe that it can be written now (the control API's {@code GET /api/health}), and
 * closing it when the platform stops. Safe for use by many threads.
 */
public interface StoreLifecycle extends AutoCloseable {

    /**
     * Proves that the store can be written now, with one small write transaction (for {@code /api/health}).
     *
     * @throws StoreUnavailable when it cannot, saying why
     */
    void checkWritable();

    /** Closes the store; calls after this fail. */
    @Override
    void close();
}
