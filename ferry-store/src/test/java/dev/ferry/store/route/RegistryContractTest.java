package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on the embedded journaled registry, plus what only a journal has. */
class RegistryContractTest extends RouteRegistryContract {

    @TempDir
    Path dir;

    @Override
    protected RouteRegistry newRegistry() {
        return JournaledRouteRegistry.inMemory();
    }

    @Test
    void badInputLeavesTheJournalEmpty() {
        try (JournaledRouteRegistry journaled = JournaledRouteRegistry.open(dir.resolve("routes.journal"))) {
            Endpoint a = Endpoint.of("127.0.0.1", 9001);
            assertThatThrownBy(() -> journaled.addEndpoint("not a domain", a, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journaled.putTcpRoute(70000, RoutePolicy.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JournalFiles.records(dir.resolve("routes.journal"))).isEmpty();
    }

    @Test
    void opensAJournalInDirectoriesThatDoNotExistYet() throws Exception {
        Path journal = dir.resolve("a/b/routes.journal");
        try (JournaledRouteRegistry journaled = JournaledRouteRegistry.open(journal)) {
            journaled.putRoute("app.local", RoutePolicy.DEFAULT);
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
