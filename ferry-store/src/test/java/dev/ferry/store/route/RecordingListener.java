package dev.ferry.store.route;

import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteTable;
import java.util.ArrayList;
import java.util.List;

/** Records what a subscription delivers; safe to read from the test thread. */
class RecordingListener implements RouteListener {

    private final List<RouteTable> snapshots = new ArrayList<>();
    private final List<RouteChange> changes = new ArrayList<>();
    private int failures;

    @Override
    public synchronized void onSnapshot(RouteTable table) {
        snapshots.add(table);
    }

    @Override
    public synchronized void onChange(RouteChange change) {
        if (snapshots.isEmpty()) {
            throw new AssertionError("change before snapshot: " + change);
        }
        changes.add(change);
    }

    @Override
    public synchronized void onRegistryFailure(Throwable cause) {
        failures++;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized List<RouteTable> snapshots() {
        return List.copyOf(snapshots);
    }

    synchronized List<RouteChange> changes() {
        return List.copyOf(changes);
    }

    /** The last snapshot with every change received since applied in order. */
    synchronized RouteTable replayed() {
        return snapshots.get(snapshots.size() - 1).applyAll(new ArrayList<>(changes));
    }
}
