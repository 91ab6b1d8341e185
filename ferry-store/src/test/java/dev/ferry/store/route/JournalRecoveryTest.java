package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecoveryTest {

    @TempDir
    Path dir;

    private Path journal;

    private RouteTable writeThreeRoutes() {
        journal = dir.resolve("routes.journal");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            registry.addEndpoint("one.local", Endpoint.of("127.0.0.1", 9001), Optional.empty());
            registry.addEndpoint("two.local", Endpoint.of("127.0.0.1", 9002), Optional.empty());
            registry.putTcpRoute(5432, RoutePolicy.DEFAULT);
            return registry.table();
        }
    }

    @Test
    void dropsATornLastLineAndKeepsWorking() throws Exception {
        RouteTable before = writeThreeRoutes();
        Files.writeString(journal, "set http torn.local round_rob", StandardOpenOption.APPEND);

        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table()).isEqualTo(before);
            registry.putRoute("after.local", RoutePolicy.DEFAULT);
        }
        String text = Files.readString(journal);
        assertThat(text).doesNotContain("torn.local").endsWith("\n");
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table().route("after.local")).isNotNull();
            assertThat(registry.table().size()).isEqualTo(3);
        }
    }

    @Test
    void dropsALastRecordThatDoesNotParse() throws Exception {
        RouteTable before = writeThreeRoutes();
        Files.writeString(journal, "set http half.local round_robin 0 -\n\0\0\0", StandardOpenOption.APPEND);

        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table()).isEqualTo(before);
        }
        assertThat(JournalFiles.records(journal)).hasSize(3).noneMatch(l -> l.contains("half.local"));
    }

    @Test
    void refusesACorruptMiddleLineNamingItAndLeavesTheFileAlone() throws Exception {
        writeThreeRoutes();
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.set(2, "set http two.local round_robin 7 - -  -");
        Files.write(journal, lines);
        byte[] damaged = Files.readAllBytes(journal);

        assertThatThrownBy(() -> JournaledRouteRegistry.open(journal))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("line 3")
                .satisfies(e -> assertThat(((CorruptJournalException) e).lineNumber()).isEqualTo(3));
        assertThat(Files.readAllBytes(journal)).isEqualTo(damaged);
    }

    @Test
    void refusesAFileThatIsNotAJournal() throws Exception {
        journal = dir.resolve("routes.journal");
        Files.writeString(journal, "hello\nworld\n");
        assertThatThrownBy(() -> JournaledRouteRegistry.open(journal))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("not a Ferry route journal");
        assertThat(Files.readString(journal)).isEqualTo("hello\nworld\n");
    }

    @Test
    void refusesAJournalOfANewerFormat() throws Exception {
        journal = dir.resolve("routes.journal");
        Files.writeString(journal, "# ferry route journal v2\nsomething new\n");
        assertThatThrownBy(() -> JournaledRouteRegistry.open(journal))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("newer Ferry");
    }

    @Test
    void startsOverWhenOnlyPartOfTheHeaderWasWritten() throws Exception {
        journal = dir.resolve("routes.journal");
        Files.writeString(journal, "# ferry route jou", StandardCharsets.UTF_8);
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table().size()).isZero();
            registry.putRoute("app.local", RoutePolicy.DEFAULT);
        }
        assertThat(Files.readAllLines(journal).get(0)).isEqualTo("# ferry route journal v1");
        assertThat(JournalFiles.records(journal)).hasSize(1);
    }

    @Test
    void ignoresTheLeftoverOfACompactionThatDidNotFinish() throws Exception {
        RouteTable before = writeThreeRoutes();
        Path leftover = dir.resolve("routes.journal.compacting");
        Files.writeString(leftover, "# ferry route journal v1\nset http half");

        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table()).isEqualTo(before);
            registry.removeRoute("one.local");
        }
        try (JournaledRouteRegistry registry = JournaledRouteRegistry.open(journal)) {
            assertThat(registry.table()).isEqualTo(before.apply(new RouteChange.HttpRouteRemoved("one.local")));
        }
        assertThat(Files.exists(leftover)).isFalse();
    }
}
