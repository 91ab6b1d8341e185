package dev.ferry.store.route;

import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a registry's change stream. {@link #add} and {@link #deliver} are called under the
 * registry's mutation lock (the journaled registry) or on its one delivery thread (the Redis registry), which
 * is what orders the stream and keeps one listener's calls from
 * overlapping; the list itself is copy-on-write so a subscription can be closed from any thread, even from
 * inside a callback.
 */
final class Subscribers {

    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private final CopyOnWriteArrayList<Listening> listening = new CopyOnWriteArrayList<>();

    /**
     * Hands {@code snapshot} to the listener and then registers it. An exception from its
     * {@code onSnapshot} is thrown to the caller and the listener is not registered.
     */
    RouteRegistry.Subscription add(RouteListener listener, RouteTable snapshot) {
        Listening l = new Listening(listener);
        listener.onSnapshot(snapshot);
        listening.add(l);
        return l;
    }

    /** Hands {@code change} to every open subscription in turn; a listener that throws is logged and skipped. */
    void deliver(RouteChange change) {
        for (Listening l : listening) {
            if (l.closed) {
                continue;
            }
            try {
                l.listener.onChange(change);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warn("route listener {} failed on {}; it stays subscribed", l.listener, change, e);
            }
        }
    }

    /** Hands a whole new table to every open subscription (a registry that had to resynchronise). */
    void resync(RouteTable table) {
        for (Listening l : listening) {
            if (!l.closed) {
                call(l, () -> l.listener.onSnapshot(table), "a resynchronised table");
            }
        }
    }

    /** Tells every open subscription that changes cannot be delivered for now. */
    void fail(Throwable cause) {
        for (Listening l : listening) {
            if (!l.closed) {
                call(l, () -> l.listener.onRegistryFailure(cause), "a registry failure");
            }
        }
    }

    private static void call(Listening l, Runnable callback, String what) {
        try {
            callback.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("route listener {} failed on {}; it stays subscribed", l.listener, what, e);
        }
    }

    void closeAll() {
        listening.forEach(Listening::close);
    }

    private final class Listening implements RouteRegistry.Subscription {
        private final RouteListener listener;
        private volatile boolean closed;

        Listening(RouteListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            closed = true;
            listening.remove(this);
        }
    }
}
