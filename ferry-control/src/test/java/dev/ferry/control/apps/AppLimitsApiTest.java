package dev.ferry.control.apps;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.logs.LogsApi;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Page;
import dev.ferry.testing.MemoryAppLogs;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user who is not an admin tries to fill the store through one app; each request over a limit writes nothing. */
class AppLimitsApiTest {

    private static final AppName HELLO = AppName.of("hello");

    private final RunningControlServer api = new RunningControlServer(
            store -> List.of(new LogsApi(store, store, store, new MemoryAppLogs(), app -> { })));
    private String bob;

    @BeforeEach
    void app() {
        bob = api.newUser("bob@example.com");
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}", bob).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void refusesMoreConfigVarsThanTheLimit() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i <= AppLimits.DEFAULT_MAX_CONFIG_VARS; i++) {
            body.append(i == 0 ? "" : ",").append("\"V").append(i).append("\":\"x\"");
        }
        HttpResponse<String> r = api.call("PATCH", "/api/apps/hello/config", body.append('}').toString(), bob);
        assertError(r, 422, "too_many_config_vars");
        assertThat(json(r).get("error").asText()).contains("at most " + AppLimits.DEFAULT_MAX_CONFIG_VARS);
        assertThat(api.store.config(HELLO).isEmpty()).isTrue();
        assertThat(api.store.releases(HELLO, Page.FIRST).items()).isEmpty();
    }

    @Test
    void refusesConfigLargerThan32KibInAll() {
        String half = "x".repeat(AppLimits.DEFAULT_MAX_CONFIG_BYTES / 2);
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"A\":\"" + half + "\"}", bob).statusCode()).isEqualTo(200);
        assertError(api.call("PATCH", "/api/apps/hello/config", "{\"B\":\"" + half + "\"}", bob), 422, "config_too_large");
        assertThat(api.store.config(HELLO).asMap().keySet()).containsExactly("A");
    }

    @Test
    void refusesMoreDomainsThanTheLimit() {
        for (int i = 0; i < AppLimits.DEFAULT_MAX_DOMAINS; i++) {
            HttpResponse<String> r = api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"d" + i + ".hello.test\"}", bob);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertError(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"one-more.hello.test\"}", bob), 422,
                "too_many_domains");
        assertThat(api.store.domain("one-more.hello.test")).isEmpty();
        assertThat(api.registry.table().route("one-more.hello.test")).isNull();
    }

    @Test
    void refusesMoreDrainsThanTheLimit() {
        for (int i = 0; i < AppLimits.DEFAULT_MAX_DRAINS; i++) {
            HttpResponse<String> r = api.call("POST", "/api/apps/hello/drains",
                    "{\"url\":\"syslog://logs" + i + ".example.com:514\"}", bob);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertError(api.call("POST", "/api/apps/hello/drains", "{\"url\":\"syslog://more.example.com:514\"}", bob), 422,
                "too_many_drains");
        assertThat(api.store.drains(HELLO)).hasSize(AppLimits.DEFAULT_MAX_DRAINS);
    }
}
