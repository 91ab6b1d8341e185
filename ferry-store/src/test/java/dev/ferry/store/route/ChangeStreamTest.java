package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeStreamTest {

    private final JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void deliversTheSnapshotThenEveryChangeInOrder() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        registry.addEndpoint("before.local", a, Optional.empty());
        RouteTable before = registry.table();
        RecordingListener listener = new RecordingListener();
        registry.subscribe(listener);

        registry.addEndpoint("app.local", a, Optional.empty());
        registry.putTcpRoute(5432, RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING));
        registry.removeEndpoint("app.local", a.id());
        registry.removeRoute("before.local");
        registry.removeTcpRoute(5432);

        assertThat(listener.snapshots()).containsExactly(before);
        assertThat(listener.changes()).containsExactly(
                new RouteChange.HttpRouteSet(new Route("app.local", List.of(a), RoutePolicy.DEFAULT)),
                new RouteChange.TcpRouteSet(
                        new TcpRoute(5432, List.of(), RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING))),
                new RouteChange.HttpRouteSet(Route.empty("app.local")),
                new RouteChange.HttpRouteRemoved("before.local"),
                new RouteChange.TcpRouteRemoved(5432));
        assertThat(listener.replayed()).isEqualTo(registry.table());
    }

    @Test
    void emitsNothingForMutationsThatChangeNothing() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        registry.addEndpoint("app.local", a, Optional.empty());
        registry.putTcpRoute(7000, RoutePolicy.DEFAULT);
        RecordingListener listener = new RecordingListener();
        registry.subscribe(listener);

        registry.addEndpoint("app.local", a, Optional.empty());
        registry.putRoute("app.local", RoutePolicy.DEFAULT);
        registry.putTcpRoute(7000, RoutePolicy.DEFAULT);
        registry.removeEndpoint("app.local", "nosuchendpoint");
        registry.removeEndpoint("unknown.local", a.id());
        registry.removeRoute("unknown.local");
        registry.removeTcpRoute(7001);

        assertThat(listener.changes()).isEmpty();
    }

    @Test
    void closingASubscriptionStopsDelivery() {
        RecordingListener listener = new RecordingListener();
        RouteRegistry.Subscription subscription = registry.subscribe(listener);
        registry.putRoute("one.local", RoutePolicy.DEFAULT);
        subscription.close();
        registry.putRoute("two.local", RoutePolicy.DEFAULT);

        assertThat(listener.changes()).containsExactly(new RouteChange.HttpRouteSet(Route.empty("one.local")));
    }

    @Test
    void aThrowingListenerBreaksNeitherTheRegistryNorOtherListeners() {
        RouteListener throwing = new RouteListener() {
            @Override
            public void onSnapshot(RouteTable table) {
            }

            @Override
            public void onChange(RouteChange change) {
                throw new IllegalStateException("listener bug");
            }
        };
        RecordingListener first = new RecordingListener();
        RecordingListener last = new RecordingListener();
        registry.subscribe(first);
        registry.subscribe(throwing);
        registry.subscribe(last);

        Route r1 = registry.putRoute("one.local", RoutePolicy.DEFAULT);
        Route r2 = registry.putRoute("two.local", RoutePolicy.DEFAULT);

        List<RouteChange> expected = List.of(new RouteChange.HttpRouteSet(r1), new RouteChange.HttpRouteSet(r2));
        assertThat(first.changes()).isEqualTo(expected);
        assertThat(last.changes()).isEqualTo(expected);
        assertThat(registry.table().routes()).containsExactly(r1, r2);
    }

    @Test
    void refusesMutationsFromInsideAListenerCallback() {
        RecordingListener recording = new RecordingListener();
        Throwable[] seen = new Throwable[1];
        registry.subscribe(new RouteListener() {
            @Override
            public void onSnapshot(RouteTable table) {
            }

            @Override
            public void onChange(RouteChange change) {
                try {
                    registry.putRoute("nested.local", RoutePolicy.DEFAULT);
                } catch (IllegalStateException e) {
                    seen[0] = e;
                }
            }
        });
        registry.subscribe(recording);

        registry.putRoute("outer.local", RoutePolicy.DEFAULT);

        assertThat(seen[0]).hasMessageContaining("must not change routes");
        assertThat(registry.table().route("nested.local")).isNull();
        assertThat(recording.changes()).hasSize(1);
    }

    @Test
    void aSnapshotThatThrowsFailsTheSubscription() {
        RouteListener failing = new RouteListener() {
            @Override
            public void onSnapshot(RouteTable table) {
                throw new IllegalStateException("cannot take it");
            }

            @Override
            public void onChange(RouteChange change) {
                throw new AssertionError("must not be subscribed");
            }
        };
        assertThatThrownBy(() -> registry.subscribe(failing)).hasMessage("cannot take it");
        registry.putRoute("after.local", RoutePolicy.DEFAULT);
        assertThat(registry.table().route("after.local")).isNotNull();
    }
}
