package dev.ferry.store.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PostgresServerProcess} for a test class: started before its first test and stopped after its last.
 * Register it as a static {@code @RegisterExtension} field; each test then takes {@link #server()}'s databases.
 */
public final class PostgresServerExtension implements BeforeAllCallback, AfterAllCallback {

    private PostgresServerProcess server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServerProcess.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The running server; only between the class's start and its end. */
    public PostgresServerProcess server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server starts before the test class's first test");
        }
        return server;
    }
}
