package dev.ferry.control.apps;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two users who are not admins try to take each other's names, and the platform's; each is refused and changes nothing. */
class OwnedNamesApiTest {

    private final RunningControlServer api = new RunningControlServer();
    private String alice;
    private String bob;

    @BeforeEach
    void users() {
        alice = api.newUser("alice@example.com");
        bob = api.newUser("bob@example.com");
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"alpha\"}", alice).statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"bobs\"}", bob).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void refusesAnAppNamedLikeAnotherAppsTunnelPreviewName() {
        RouteTable before = api.registry.table();
        HttpResponse<String> squat = api.call("POST", "/api/apps", "{\"name\":\"alpha--dev\"}", bob);
        assertError(squat, 422, "invalid_name");
        assertThat(json(squat).get("error").asText()).contains("'--'");
        assertError(api.call("POST", "/api/apps", "{\"name\":\"a--b\"}"), 422, "invalid_name");
        assertThat(api.store.app(AppName.of("alpha--dev"))).isEmpty();
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void refusesAnAppWhoseDefaultHostAnAdminRouteHolds() {
        api.call("POST", "/api/routes", "{\"domain\":\"internal.localhost\",\"targetUrl\":\"http://127.0.0.1:9001\"}");
        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/apps", "{\"name\":\"internal\"}", bob), 409, "name_taken");
        assertThat(api.store.app(AppName.of("internal"))).isEmpty();
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void refusesADomainAnAdminRouteHoldsAndLetsTheAdminForceItWithAnEvent() {
        api.call("POST", "/api/routes", "{\"domain\":\"internal.corp\",\"targetUrl\":\"http://127.0.0.1:9001\"}");
        RouteTable before = api.registry.table();
        HttpResponse<String> taken = api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"internal.corp\"}", bob);
        assertError(taken, 409, "domain_in_use");
        assertThat(json(taken).get("error").asText()).contains("--force");
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"internal.corp\",\"force\":true}", bob),
                403, "forbidden");
        assertError(api.call("POST", "/api/apps/bobs/domains?force=true", "{\"hostname\":\"internal.corp\"}", bob),
                403, "forbidden");
        assertThat(api.store.domain("internal.corp")).isEmpty();
        assertThat(api.registry.table()).isEqualTo(before);

        HttpResponse<String> forced = api.call("POST", "/api/apps/bobs/domains?force=true", "{\"hostname\":\"internal.corp\"}");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(201);
        assertThat(api.store.events(AppName.of("bobs"), Page.FIRST).items().get(0).action()).isEqualTo(EventAction.DOMAIN_FORCE);
        assertThat(api.store.domain("internal.corp").orElseThrow().ownsRoute()).isFalse();

        assertThat(api.call("DELETE", "/api/apps/bobs/domains/internal.corp", null, bob).statusCode()).isEqualTo(204);
        assertThat(api.registry.table().route("internal.corp").endpoints()).extracting(Endpoint::port)
                .containsExactly(9001);
    }

    @Test
    void refusesANameUnderAnAdminsWildcardRoute() {
        api.call("POST", "/api/routes", "{\"domain\":\"*.corp\",\"targetUrl\":\"http://127.0.0.1:9001\"}");
        RouteTable before = api.registry.table();
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"payroll.corp\"}", bob), 409, "domain_in_use");
        assertThat(api.store.domain("payroll.corp")).isEmpty();
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void destroyingAnAppKeepsTheRoutesItsDomainsJoined() {
        api.call("POST", "/api/routes", "{\"domain\":\"shared.corp\",\"targetUrl\":\"http://127.0.0.1:9001\"}");
        api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"shared.corp\",\"force\":true}");
        api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"www.bobs.test\"}", bob);
        assertThat(api.call("DELETE", "/api/apps/bobs", null, bob).statusCode()).isEqualTo(204);
        assertThat(api.registry.table().route("shared.corp")).isNotNull();
        assertThat(api.registry.table().route("www.bobs.test")).isNull();
    }

    @Test
    void refusesAnotherTenantsDomainAndLetsTheAdminMoveIt() {
        assertThat(api.call("POST", "/api/apps/alpha/domains", "{\"hostname\":\"www.alpha.test\"}", alice).statusCode())
                .isEqualTo(201);
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"www.alpha.test\"}", bob), 409, "domain_taken");
        assertThat(api.store.domain("www.alpha.test").orElseThrow().app()).isEqualTo(AppName.of("alpha"));

        assertThat(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"www.alpha.test\",\"force\":true}").statusCode())
                .isEqualTo(201);
        assertThat(api.store.domain("www.alpha.test").orElseThrow().app()).isEqualTo(AppName.of("bobs"));
        assertThat(api.store.domains(AppName.of("alpha"))).isEmpty();
    }

    @Test
    void refusesIpAddressesInEveryForm() {
        RouteTable before = api.registry.table();
        for (String ip : new String[] {"127.0.0.1", "2130706433", "127.1", "0x7f000001", "0", "10.0.0.1"}) {
            HttpResponse<String> r = api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"" + ip + "\"}", bob);
            assertError(r, 422, "invalid_domain");
            assertThat(json(r).get("error").asText()).as(ip).contains("IP address");
        }
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"::1\"}", bob), 422, "invalid_domain");
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"127.0.0.1\",\"force\":true}"), 422,
                "invalid_domain");
        assertThat(api.store.domains(AppName.of("bobs"))).isEmpty();
        assertThat(api.registry.table()).isEqualTo(before);
    }

    @Test
    void allowsWildcardsOnlyToAdminsOrUnderADomainTheUserOwns() {
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"*.test\"}", bob), 403, "wildcard_not_allowed");
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"*.alice.test\"}", bob), 403,
                "wildcard_not_allowed");
        api.call("POST", "/api/apps/alpha/domains", "{\"hostname\":\"alice.test\"}", alice);
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"*.alice.test\"}", bob), 403,
                "wildcard_not_allowed");
        assertThat(api.store.domains(AppName.of("bobs"))).isEmpty();

        assertThat(api.call("POST", "/api/apps/alpha/domains", "{\"hostname\":\"*.alice.test\"}", alice).statusCode())
                .isEqualTo(201);
        HttpResponse<String> under = api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"api.alice.test\"}", bob);
        assertError(under, 409, "domain_in_use");
        assertThat(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"*.test\"}").statusCode()).isEqualTo(201);
        assertError(api.call("POST", "/api/apps/bobs/domains", "{\"hostname\":\"*.localhost\"}"), 409, "domain_reserved");
    }

    @Test
    void answersAnotherUsersAppExactlyLikeAMissingOne() {
        HttpResponse<String> hidden = api.call("GET", "/api/apps/alpha", null, bob);
        HttpResponse<String> missing = api.call("GET", "/api/apps/alphx", null, bob);
        assertError(hidden, 404, "app_not_found");
        assertThat(hidden.body()).isEqualTo(missing.body().replace("alphx", "alpha"));
        assertError(api.call("GET", "/api/apps/alpha/tunnel", null, bob), 404, "app_not_found");
        assertError(api.call("POST", "/api/apps/alpha/domains", "{\"hostname\":\"x.test\"}", bob), 404, "app_not_found");
        assertError(api.call("DELETE", "/api/apps/alpha", null, bob), 404, "app_not_found");
        assertThat(api.store.app(AppName.of("alpha"))).isPresent();
        assertThat(Optional.of(api.call("GET", "/api/apps/alpha", null, alice).statusCode())).contains(200);
    }

    @Test
    void refusesAnotherUsersSshKeyWithoutSayingWhose() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPfY2e+TgyLgNBkRAjwIwZCslfLQJfEjJlKWUXkkvJZ alice@laptop";
        assertThat(api.call("POST", "/api/keys", "{\"publicKey\":\"" + key + "\"}", alice).statusCode()).isEqualTo(201);
        HttpResponse<String> stolen = api.call("POST", "/api/keys", "{\"publicKey\":\"" + key + "\"}", bob);
        assertError(stolen, 409, "key_taken");
        assertThat(stolen.body()).doesNotContain("alice@example.com").contains("another user");
        assertError(api.call("POST", "/api/keys", "{\"publicKey\":\"" + key + "\"}", alice), 409, "key_exists");
        assertThat(api.store.sshKeys(api.store.userByEmail("bob@example.com").orElseThrow().id())).isEmpty();
    }
}
