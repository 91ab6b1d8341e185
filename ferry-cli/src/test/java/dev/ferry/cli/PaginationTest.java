package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.api.ApiClient;
import dev.ferry.control.RunningControlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaginationTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void followsNextLinksUntilTheLastPage() {
        for (int i = 0; i < 5; i++) {
            api.call("POST", "/api/routes", "{\"domain\":\"app" + i + ".local\",\"targetUrl\":\"http://127.0.0.1:900" + i + "\"}");
        }
        var all = ApiClient.of(api.baseUrl(), RunningControlServer.TOKEN).getAll("/api/routes?limit=2");
        assertThat(all.findValuesAsText("domain"))
                .containsExactly("app0.local", "app1.local", "app2.local", "app3.local", "app4.local");
    }
}
