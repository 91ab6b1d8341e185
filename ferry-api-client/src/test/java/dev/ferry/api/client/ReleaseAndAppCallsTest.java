package dev.ferry.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.api.AppDetail;
import dev.ferry.core.api.AppSummary;
import dev.ferry.core.api.CollaboratorInfo;
import dev.ferry.core.api.ConfigChange;
import dev.ferry.core.api.DomainInfo;
import dev.ferry.core.api.EventInfo;
import dev.ferry.core.api.ReleaseInfo;
import dev.ferry.core.api.RouteInfo;
import dev.ferry.core.api.HealthCheckInfo;
import dev.ferry.core.api.HealthCheckRequest;
import dev.ferry.core.api.RouteRequest;
import dev.ferry.core.api.RouteTarget;
import dev.ferry.core.api.TokenInfo;
import dev.ferry.core.api.UserInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed release and app calls against the real control API: what the API writes, the client reads. */
class ReleaseAndAppCallsTest {

    private final RunningControlServer api = new RunningControlServer();
    private final ControlApiClient client = new ControlApiClient(api.baseUrl(), api.adminToken, Duration.ofSeconds(10));

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"1\"}").statusCode()).isEqualTo(200);
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"B\":\"secret\"}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void readsReleasesOneReleaseAndARollbackAsRecords() {
        ReleaseCalls releases = new ReleaseCalls(client);

        List<ReleaseInfo> list = releases.list("hello", 10);
        assertThat(list).extracting(ReleaseInfo::version).containsExactly(2, 1);
        assertThat(list.getFirst().description()).isEqualTo("Set B config vars");
        assertThat(list.getFirst().createdBy()).isEqualTo("admin@localhost");
        assertThat(list.getFirst().slugId()).isNull();
        assertThat(list.getFirst().configVars()).isNull();

        ReleaseInfo detail = releases.info("hello", 2);
        assertThat(detail.configVars()).containsExactly("A", "B");
        assertThat(detail.processTypes()).isEmpty();
        assertThat(api.call("GET", "/api/apps/hello/releases/2", null).body()).doesNotContain("secret");

        ReleaseInfo rolledBack = releases.rollback("hello", 1, Duration.ofSeconds(30));
        assertThat(rolledBack.version()).isEqualTo(3);
        assertThat(rolledBack.description()).isEqualTo("Rollback to v1");
        assertThat(rolledBack.status()).isEqualTo("succeeded");
        assertThatThrownBy(() -> releases.info("hello", 9)).isInstanceOfSatisfying(ApiRefused.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void switchesMaintenanceModeWithTheRecordTheApiReads() {
        AppCalls apps = new AppCalls(client);
        assertThat(apps.maintenance("hello").maintenance()).isFalse();
        assertThat(apps.setMaintenance("hello", true).maintenance()).isTrue();
        assertThat(apps.maintenance("hello").app()).isEqualTo("hello");
        assertThat(api.registry.table().route("hello.localhost").policy().maintenance()).isTrue();
        assertThat(apps.setMaintenance("hello", false).maintenance()).isFalse();
    }

    @Test
    void createsListsShowsAndDestroysAppsAsRecords() {
        AppCalls apps = new AppCalls(client);
        AppSummary created = apps.create("second");
        assertThat(created.name()).isEqualTo("second");
        assertThat(created.owner()).isEqualTo("admin@localhost");
        assertThat(created.webUrl()).contains("second.localhost");
        assertThat(apps.create(null).name()).matches("[a-z]+-[a-z]+-[0-9]{4}");
        assertThat(apps.list()).extracting(AppSummary::name).contains("hello", "second").hasSize(3);

        Read<AppDetail> info = apps.info("second");
        assertThat(info.value().collaborators()).extracting(CollaboratorInfo::role).containsExactly("owner");
        assertThat(info.value().domains()).containsExactly("second.localhost");
        assertThat(info.value().release()).isNull();
        assertThat(info.json().get("release").isNull()).isTrue();
        assertThat(info.value().events()).extracting(EventInfo::action).contains("app.create");
        assertThat(apps.info("hello").value().release().description()).isEqualTo("Set B config vars");

        apps.destroy("second");
        assertThatThrownBy(() -> apps.info("second")).isInstanceOfSatisfying(ApiRefused.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> apps.create("Bad_Name")).isInstanceOfSatisfying(ApiRefused.class,
                e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void setsAndUnsetsConfigVarsInOneChange() {
        ConfigCalls config = new ConfigCalls(client);
        assertThat(config.get("hello")).containsExactly(Map.entry("A", "1"), Map.entry("B", "secret"));

        Map<String, String> after = config.change("hello", new ConfigChange(Map.of("C", "x y"), List.of("A")),
                Duration.ofSeconds(30));
        assertThat(after).containsExactly(Map.entry("B", "secret"), Map.entry("C", "x y"));
        assertThat(new ReleaseCalls(client).list("hello", 1).getFirst().description())
                .isEqualTo("Set C and remove A config vars");
        assertThatThrownBy(() -> config.change("hello", new ConfigChange(Map.of("bad name", "1"), List.of()),
                Duration.ofSeconds(30))).isInstanceOf(ApiRefused.class);
        assertThat(config.get("hello")).isEqualTo(after);
    }

    @Test
    void addsListsAndRemovesDomainsAsRecords() {
        DomainCalls domains = new DomainCalls(client);
        DomainInfo added = domains.add("hello", "WWW.Example.com", false);
        assertThat(added.hostname()).isEqualTo("www.example.com");
        assertThat(added.app()).isEqualTo("hello");
        assertThat(domains.list("hello")).extracting(DomainInfo::hostname).containsExactly("www.example.com");
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"a.example.com\",\"force\":\"yes\"}")
                .statusCode()).isEqualTo(400);
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"force\":false}").body())
                .contains("needs the field 'hostname'");

        domains.remove("hello", "www.example.com");
        assertThat(domains.list("hello")).isEmpty();
        assertThatThrownBy(() -> domains.remove("hello", "www.example.com")).isInstanceOfSatisfying(ApiRefused.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void readsAndScalesTheFormationAndRefusesATargetThatRunsNothing() {
        ProcessCalls processes = new ProcessCalls(client);
        assertThat(processes.formation("hello")).isEmpty();
        assertThat(processes.list("hello").value()).isEmpty();
        assertThat(processes.list("hello").json().isArray()).isTrue();
        assertThat(processes.scale("hello", Map.of("worker", 0), Duration.ofSeconds(30))).containsEntry("worker", 0);
        assertThat(processes.formation("hello")).containsEntry("worker", 0);
        assertThatThrownBy(() -> processes.scale("hello", Map.of("web", -1), Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiRefused.class, e -> assertThat(e.getMessage()).contains("web"));
        assertThatThrownBy(() -> processes.stop("hello", null, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiRefused.class, e -> assertThat(e.getMessage()).contains("'target'"));
        assertThatThrownBy(() -> processes.restart("hello", "web.1", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiRefused.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(processes.restart("hello", null, Duration.ofSeconds(30)).restarted()).isZero();
    }

    @Test
    void addsListsAndRemovesCollaboratorsAsRecords() {
        api.newUser("alice@example.com");
        CollaboratorCalls people = new CollaboratorCalls(client);
        assertThat(people.add("hello", "Alice@Example.com").email()).isEqualTo("alice@example.com");
        assertThat(people.list("hello")).extracting(CollaboratorInfo::email, CollaboratorInfo::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin@localhost", "owner"),
                org.assertj.core.groups.Tuple.tuple("alice@example.com", "collaborator"));
        assertThat(api.call("POST", "/api/apps/hello/collaborators", "{}").body()).contains("needs the field 'email'");
        people.remove("hello", "alice@example.com");
        assertThat(people.list("hello")).hasSize(1);
    }

    @Test
    void addsUsersAndCreatesListsAndRevokesTokensAsRecords() {
        AccountCalls accounts = new AccountCalls(client);
        UserInfo bob = accounts.addUser("Bob@Example.com", false);
        assertThat(bob.email()).isEqualTo("bob@example.com");
        assertThat(bob.token()).isNotBlank();
        assertThat(accounts.users()).extracting(UserInfo::email).contains("admin@localhost", "bob@example.com");
        assertThat(accounts.users()).allSatisfy(u -> assertThat(u.token()).isNull());

        Read<TokenInfo> created = accounts.createToken("ci");
        assertThat(created.value().secret()).isNotBlank();
        assertThat(created.value().lastUsedAt()).isNull();
        assertThat(created.json().get("lastUsedAt").isNull()).isTrue();
        Read<List<TokenInfo>> tokens = accounts.tokens();
        assertThat(tokens.value()).extracting(TokenInfo::description).contains("ci");
        assertThat(tokens.json().get(0).has("secret")).isFalse();
        assertThat(api.call("POST", "/api/users", "{\"email\":\"c@example.com\",\"admin\":\"yes\"}").statusCode())
                .isEqualTo(400);

        accounts.revokeToken(created.value().id());
        assertThat(accounts.tokens().value()).extracting(TokenInfo::id).doesNotContain(created.value().id());
    }

    @Test
    void aRouteRequestTellsAHealthCheckLeftAsItIsFromOneRemoved() {
        RouteCalls routes = new RouteCalls(client);
        RouteInfo checked = routes.add(new RouteRequest("h.local", "http://127.0.0.1:9001", null, null, null, null,
                Optional.of(new HealthCheckRequest("/up", 1000, null, null, null)), null));
        assertThat(checked.healthCheck()).isEqualTo(new HealthCheckInfo("/up", 1000, 1000, 2, 3));

        RouteInfo kept = routes.add(RouteRequest.target("h.local", "http://127.0.0.1:9002"));
        assertThat(kept.healthCheck()).isEqualTo(checked.healthCheck());

        RouteInfo removed = routes.add(new RouteRequest("h.local", "http://127.0.0.1:9003", null, null, null, null,
                Optional.empty(), null));
        assertThat(removed.healthCheck()).isNull();
        assertThat(removed.targets()).hasSize(3);
    }

    @Test
    void readsRoutesAsRecordsAndPrintsTheirMissingHealthCheckAsTheApiWroteIt() {
        RouteCalls routes = new RouteCalls(client);
        RouteInfo added = routes.add(new RouteRequest("a.local", "http://127.0.0.1:9001", 3, null, null, null, null, null));
        assertThat(added.domain()).isEqualTo("a.local");
        assertThat(added.targets()).extracting(RouteTarget::url, RouteTarget::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:9001", 3));
        assertThat(added.healthCheck()).isNull();

        Read<List<RouteInfo>> listed = routes.list();
        assertThat(listed.value()).extracting(RouteInfo::domain).contains("a.local");
        assertThat(listed.json().findValues("healthCheck")).allSatisfy(h -> assertThat(h.isNull()).isTrue());
        assertThat(routes.removeTarget("a.local", "http://127.0.0.1:9001").targets()).isEmpty();
        routes.remove("a.local");
        assertThat(routes.list().value()).extracting(RouteInfo::domain).doesNotContain("a.local");
    }
}
