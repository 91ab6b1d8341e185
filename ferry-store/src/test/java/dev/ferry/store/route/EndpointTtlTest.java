package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointTtlTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    /** Long enough that only explicit {@code sweepExpired()} calls sweep in the clock-driven tests. */
    private static final Duration NO_BACKGROUND_SWEEP = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final Endpoint a = Endpoint.of("127.0.0.1", 9001);
    private final Endpoint b = Endpoint.of("127.0.0.1", 9002);

    @Test
    void theSweeperRemovesAnEndpointThatIsNotRefreshedAndSubscribersSeeIt() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory(clock, Duration.ofMillis(20))) {
            registry.addEndpoint("app.local", a, Optional.of(TTL));
            registry.addTcpEndpoint(5432, b, Optional.of(TTL));
            RecordingListener listener = new RecordingListener();
            registry.subscribe(listener);

            clock.advance(TTL.plusMillis(1));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listener.changes()).containsExactlyInAnyOrder(
                    new RouteChange.HttpRouteSet(Route.empty("app.local")),
                    new RouteChange.TcpRouteSet(TcpRoute.empty(5432))));
            assertThat(registry.table().route("app.local")).isEqualTo(Route.empty("app.local"));
        }
    }

    @Test
    void aRefreshedEndpointStaysAndAStaleOneGoes() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory(clock, NO_BACKGROUND_SWEEP)) {
            registry.addEndpoint("app.local", a, Optional.of(TTL));
            registry.addEndpoint("app.local", b, Optional.of(TTL));
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(6));
                registry.addEndpoint("app.local", a, Optional.of(TTL));
                registry.sweepExpired();
            }
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(a);
        }
    }

    @Test
    void permanentEndpointsNeverExpire() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory(clock, NO_BACKGROUND_SWEEP)) {
            registry.addEndpoint("app.local", a, Optional.empty());
            registry.addEndpoint("app.local", b, Optional.of(TTL));
            registry.addEndpoint("app.local", b, Optional.empty());
            clock.advance(Duration.ofDays(400));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(a, b);
        }
    }

    @Test
    void reopeningGivesTtlEndpointsAFreshGracePeriod() {
        Path journal = dir.resolve("routes.journal");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal, clock, NO_BACKGROUND_SWEEP)) {
            registry.addEndpoint("app.local", a, Optional.of(TTL));
            registry.addEndpoint("app.local", b, Optional.empty());
            clock.advance(Duration.ofSeconds(9));
        }
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal, clock, NO_BACKGROUND_SWEEP)) {
            clock.advance(Duration.ofSeconds(9));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(a, b);

            clock.advance(Duration.ofSeconds(2));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(b);
        }
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal, clock, NO_BACKGROUND_SWEEP)) {
            clock.advance(Duration.ofDays(1));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).containsExactly(b);
        }
    }

    @Test
    void aChangedTtlIsJournaledWithoutAChange() {
        Path journal = dir.resolve("routes.journal");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal, clock, NO_BACKGROUND_SWEEP)) {
            registry.addEndpoint("app.local", a, Optional.empty());
            RecordingListener listener = new RecordingListener();
            registry.subscribe(listener);
            registry.addEndpoint("app.local", a, Optional.of(TTL));
            assertThat(listener.changes()).isEmpty();
        }
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal, clock, NO_BACKGROUND_SWEEP)) {
            clock.advance(TTL.plusSeconds(1));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).isEmpty();
        }
    }

    @Test
    void removingAndReaddingAnEndpointForgetsItsOldTtl() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory(clock, NO_BACKGROUND_SWEEP)) {
            registry.addEndpoint("app.local", a, Optional.of(TTL));
            registry.removeEndpoint("app.local", a.id());
            registry.addEndpoint("app.local", a, Optional.empty());
            registry.putRoute("app.local", RoutePolicy.DEFAULT.withAffinity(true));
            clock.advance(TTL.multipliedBy(2));
            registry.sweepExpired();
            assertThat(registry.table().route("app.local").endpoints()).isEqualTo(List.of(a));
        }
    }
}
