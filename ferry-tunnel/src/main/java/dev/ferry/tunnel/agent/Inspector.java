package dev.ferry.tunnel.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@value #CAPACITY} exchanges served by an agent ({@code ferry tunnel --inspect}), with heads and up
 * to {@value #MAX_BODY_BYTES} bytes of each body, for {@link InspectorServer} to show and replay. Thread-safe.
 */
public final class Inspector {

    /** How many exchanges are kept; the oldest goes first. */
    public static final int CAPACITY = 100;

    /** How much of each body is kept, in bytes. */
    public static final int MAX_BODY_BYTES = 10 * 1024;

    private final Deque<InspectedExchange> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    long nextId() {
        return ids.incrementAndGet();
    }

    synchronized void add(InspectedExchange exchange) {
        recent.addFirst(exchange);
        while (recent.size() > CAPACITY) {
            recent.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<InspectedExchange> recent() {
        return List.copyOf(recent);
    }

    public synchronized Optional<InspectedExchange> find(long id) {
        return recent.stream().filter(e -> e.id() == id).findFirst();
    }
}
