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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RouteRegistry} promises, run against each implementation by a subclass that says how to
 * make a fresh, empty one.
 */
abstract class RouteRegistryContract {

    protected RouteRegistry registry;

    /** A new registry with an empty table. */
    protected abstract RouteRegistry newRegistry() throws Exception;

    @BeforeEach
    void openRegistry() throws Exception {
        registry = newRegistry();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void addingAnEndpointCreatesTheRouteAndReplacesTheSameId() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        Route created = registry.addEndpoint("App.Local.", a, Optional.empty());
        assertThat(created).isEqualTo(new Route("app.local", List.of(a), RoutePolicy.DEFAULT));

        Route reweighted = registry.addEndpoint("app.local", a.withWeight(5), Optional.empty());
        assertThat(reweighted.endpoints()).containsExactly(a.withWeight(5));
        assertThat(registry.table().route("app.local")).isEqualTo(reweighted);
    }

    @Test
    void putRouteKeepsThePoolAndChangesThePolicy() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        registry.addEndpoint("app.local", a, Optional.empty());
        RoutePolicy sticky = RoutePolicy.DEFAULT.withAffinity(true);
        Route changed = registry.putRoute("app.local", sticky);
        assertThat(changed).isEqualTo(new Route("app.local", List.of(a), sticky));
        assertThat(registry.table().route("app.local")).isEqualTo(changed);
    }

    @Test
    void removalsReportWhatTheyFound() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        Endpoint b = Endpoint.of("127.0.0.1", 9002);
        registry.addEndpoint("app.local", a, Optional.empty());
        registry.addEndpoint("app.local", b, Optional.empty());

        assertThat(registry.removeEndpoint("unknown.local", a.id())).isEmpty();
        assertThat(registry.removeEndpoint("app.local", "nosuchid")).contains(registry.table().route("app.local"));
        assertThat(registry.removeEndpoint("app.local", a.id())).contains(new Route("app.local", List.of(b), RoutePolicy.DEFAULT));
        assertThat(registry.removeEndpoint("app.local", b.id())).contains(Route.empty("app.local"));
        assertThat(registry.table().route("app.local")).isEqualTo(Route.empty("app.local"));
        assertThat(registry.removeRoute("app.local")).isTrue();
        assertThat(registry.removeRoute("app.local")).isFalse();

        registry.addTcpEndpoint(5432, a, Optional.empty());
        assertThat(registry.removeTcpEndpoint(5433, a.id())).isEmpty();
        assertThat(registry.removeTcpEndpoint(5432, a.id())).contains(TcpRoute.empty(5432));
        assertThat(registry.removeTcpRoute(5432)).isTrue();
        assertThat(registry.removeTcpRoute(5432)).isFalse();
    }

    @Test
    void refusesBadInputWithASentenceAndChangesNothing() {
        Endpoint a = Endpoint.of("127.0.0.1", 9001);
        assertThatThrownBy(() -> registry.addEndpoint("not a domain", a, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid host name");
        assertThatThrownBy(() -> registry.addEndpoint("app.local", null, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the endpoint is missing");
        assertThatThrownBy(() -> registry.addEndpoint("app.local", a, Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be between 1 ms and 365 days");
        assertThatThrownBy(() -> registry.putTcpRoute(70000, RoutePolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> registry.putRoute("app.local", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the route policy is missing");
        assertThat(registry.table().size()).isZero();
        assertThat(registry.table().tcpRoutes()).isEmpty();
    }

    @Test
    void aClosedRegistryRefusesMutations() throws Exception {
        RouteRegistry other = newRegistry();
        other.putRoute("app.local", RoutePolicy.DEFAULT);
        assertThat(other.table().route("app.local")).isNotNull();
        other.close();
        other.close();

        assertThatThrownBy(() -> other.putRoute("other.local", RoutePolicy.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessage("route registry is closed");
        assertThatThrownBy(() -> other.subscribe(new RecordingListener()))
                .isInstanceOf(IllegalStateException.class).hasMessage("route registry is closed");
        assertThat(other.table().route("app.local")).isNotNull();
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
        registry.putRoute("last.local", RoutePolicy.DEFAULT);

        assertThat(listener.changes()).containsExactly(new RouteChange.HttpRouteSet(Route.empty("last.local")));
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
