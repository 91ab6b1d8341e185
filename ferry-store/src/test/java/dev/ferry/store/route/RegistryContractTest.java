package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryContractTest {

    @TempDir
    Path dir;

    @Test
    void addingAnEndpointCreatesTheRouteAndReplacesTheSameId() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory()) {
            Endpoint a = Endpoint.of("127.0.0.1", 9001);
            Route created = registry.addEndpoint("App.Local.", a, Optional.empty());
            assertThat(created).isEqualTo(new Route("app.local", List.of(a), RoutePolicy.DEFAULT));

            Route reweighted = registry.addEndpoint("app.local", a.withWeight(5), Optional.empty());
            assertThat(reweighted.endpoints()).containsExactly(a.withWeight(5));
            assertThat(registry.table().route("app.local")).isEqualTo(reweighted);
        }
    }

    @Test
    void putRouteKeepsThePoolAndChangesThePolicy() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory()) {
            Endpoint a = Endpoint.of("127.0.0.1", 9001);
            registry.addEndpoint("app.local", a, Optional.empty());
            RoutePolicy sticky = RoutePolicy.DEFAULT.withAffinity(true);
            Route changed = registry.putRoute("app.local", sticky);
            assertThat(changed).isEqualTo(new Route("app.local", List.of(a), sticky));
        }
    }

    @Test
    void removalsReportWhatTheyFound() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory()) {
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
    }

    @Test
    void refusesBadInputWithASentenceAndChangesNothing() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(dir.resolve("routes.journal"))) {
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
        assertThat(JournalFiles.records(dir.resolve("routes.journal"))).isEmpty();
    }

    @Test
    void aClosedRegistryRefusesMutations() {
        JournaledRouteRegistry registry = JournaledRouteRegistry.open(dir.resolve("routes.journal"));
        registry.putRoute("app.local", RoutePolicy.DEFAULT);
        registry.close();
        registry.close();

        assertThatThrownBy(() -> registry.putRoute("other.local", RoutePolicy.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessage("route registry is closed");
        assertThatThrownBy(() -> registry.subscribe(new RecordingListener()))
                .isInstanceOf(IllegalStateException.class).hasMessage("route registry is closed");
        assertThat(registry.table().route("app.local")).isNotNull();
    }

    @Test
    void opensAJournalInDirectoriesThatDoNotExistYet() throws Exception {
        Path journal = dir.resolve("a/b/routes.journal");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            registry.putRoute("app.local", RoutePolicy.DEFAULT);
        }
        assertThat(Files.readAllLines(journal).get(0)).isEqualTo("# ferry route journal v1");
    }

    @Test
    void refusesASecondRegistryOnTheSameJournalUntilTheFirstCloses() {
        Path journal = dir.resolve("routes.journal");
        try (JournaledRouteRegistry first = JournaledRouteRegistry.open(journal)) {
            first.putRoute("app.local", RoutePolicy.DEFAULT);
            assertThatThrownBy(() -> JournaledRouteRegistry.open(journal))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another registry");
        }
        try (JournaledRouteRegistry second = JournaledRouteRegistry.open(journal)) {
            assertThat(second.table().route("app.local")).isNotNull();
        }
    }
}
