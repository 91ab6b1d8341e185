package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Balancing;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void bringsBackEveryKindOfChangeAfterReopening() {
        Path journal = dir.resolve("routes.journal");
        RouteTable before;
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            RoutePolicy checked = new RoutePolicy(Balancing.LEAST_OUTSTANDING, true,
                    new HealthCheck("/health", Duration.ofSeconds(3), Duration.ofMillis(500), 1, 2));
            registry.putRoute("api.example.com", checked);
            registry.addEndpoint("api.example.com", Endpoint.of("10.0.0.1", 8080, 3), Optional.empty());
            registry.addEndpoint("api.example.com", Endpoint.of("10.0.0.2", 8080), Optional.of(Duration.ofMinutes(2)));
            registry.addEndpoint("*.apps.example.com", Endpoint.of("::1", 9000), Optional.empty());
            registry.addEndpoint("gone.local", Endpoint.of("127.0.0.1", 9001), Optional.empty());
            registry.removeRoute("gone.local");
            registry.addEndpoint("shrunk.local", Endpoint.of("127.0.0.1", 9001), Optional.empty());
            registry.addEndpoint("shrunk.local", Endpoint.of("127.0.0.1", 9002), Optional.empty());
            registry.removeEndpoint("shrunk.local", Endpoint.idFor("127.0.0.1", 9001));
            registry.putRoute("empty.local", RoutePolicy.DEFAULT.withAffinity(true));
            registry.putTcpRoute(5432, RoutePolicy.DEFAULT.withBalancing(Balancing.LEAST_OUTSTANDING));
            registry.addTcpEndpoint(5432, Endpoint.of("db1", 5432, 7), Optional.empty());
            registry.addTcpEndpoint(6379, Endpoint.of("cache", 6379), Optional.of(Duration.ofSeconds(30)));
            registry.addTcpEndpoint(7000, Endpoint.of("gone", 7000), Optional.empty());
            registry.removeTcpRoute(7000);
            registry.addTcpEndpoint(7001, Endpoint.of("a", 7001), Optional.empty());
            registry.removeTcpEndpoint(7001, Endpoint.idFor("a", 7001));
            before = registry.table();
        }

        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            assertThat(reopened.table()).isEqualTo(before);
            assertThat(reopened.table().size()).isEqualTo(4);
            assertThat(reopened.table().tcpRoutes()).hasSize(3);
        }
    }

    @Test
    void anInMemoryRegistryBehavesTheSameWithoutAFile() {
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory()) {
            registry.addEndpoint("app.local", Endpoint.of("127.0.0.1", 9001), Optional.empty());
            assertThat(registry.table().route("app.local").endpoints()).hasSize(1);
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void writesOneRecordPerChangeAndNoneForNoOps() {
        Path journal = dir.resolve("routes.journal");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            Endpoint a = Endpoint.of("127.0.0.1", 9001);
            registry.addEndpoint("app.local", a, Optional.empty());
            registry.addEndpoint("app.local", a, Optional.empty());
            registry.putRoute("app.local", RoutePolicy.DEFAULT);
            registry.removeRoute("other.local");
            registry.addEndpoint("app.local", a, Optional.of(Duration.ofSeconds(30)));
            registry.addEndpoint("app.local", a, Optional.of(Duration.ofSeconds(30)));
            registry.removeRoute("app.local");

            assertThat(JournalFiles.records(journal)).containsExactly(
                    "set http app.local round_robin 0 - " + a.id() + "@127.0.0.1:9001*1 -",
                    "set http app.local round_robin 0 - " + a.id() + "@127.0.0.1:9001*1 " + a.id() + "=30000",
                    "del http app.local");
        }
    }

    @Test
    void compactsOnOpenAndKeepsTheState() throws Exception {
        Path journal = dir.resolve("routes.journal");
        RouteTable before;
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            for (int i = 0; i < 50; i++) {
                registry.addEndpoint("app.local", Endpoint.of("127.0.0.1", 9000 + i), Optional.empty());
            }
            registry.addTcpEndpoint(5432, Endpoint.of("db", 5432), Optional.of(Duration.ofSeconds(20)));
            before = registry.table();
        }
        assertThat(JournalFiles.records(journal)).hasSize(51);

        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            assertThat(reopened.table()).isEqualTo(before);
        }
        assertThat(JournalFiles.records(journal)).hasSize(2);
        assertThat(JournalFiles.records(journal).get(1)).endsWith(Endpoint.idFor("db", 5432) + "=20000");
        assertThat(Files.exists(dir.resolve("routes.journal.compacting"))).isFalse();
    }

    @Test
    void staysCorrectAndSmallThroughTwentyThousandMutations() {
        Path journal = dir.resolve("routes.journal");
        RouteTable before;
        int maxRecords = 0;
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            RecordingListener listener = new RecordingListener();
            registry.subscribe(listener);
            for (int i = 0; i < 20_000; i++) {
                String domain = "app" + (i % 40) + ".local";
                Endpoint e = Endpoint.of("10.0.0." + (i % 7 + 1), 8000 + i % 13, i % 5 + 1);
                if (i % 3 == 2) {
                    registry.removeEndpoint(domain, e.id());
                } else {
                    registry.addEndpoint(domain, e, i % 4 == 0 ? Optional.of(Duration.ofMinutes(5)) : Optional.empty());
                }
                if (i % 500 == 0) {
                    maxRecords = Math.max(maxRecords, JournalFiles.records(journal).size());
                }
            }
            before = registry.table();
            assertThat(listener.replayed()).isEqualTo(before);
            assertThat(JournalFiles.records(journal).size()).isLessThanOrEqualTo(1000);
        }
        assertThat(maxRecords).isLessThanOrEqualTo(1000);
        try (JournaledRouteRegistry reopened = JournaledRouteRegistry.open(journal)) {
            assertThat(reopened.table()).isEqualTo(before);
            assertThat(JournalFiles.records(journal)).hasSize(40);
        }
    }
}
