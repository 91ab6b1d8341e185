package dev.ferry.control.json;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagingStyleTest {

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private static String next(HttpResponse<String> page) {
        return page.headers().firstValue("Link").orElseThrow().replaceAll("^<([^>]*)>.*$", "$1");
    }

    @Test
    void linksTheStoreListsNextPageWithAfterAndStillReadsCursor() {
        api.call("POST", "/api/apps", "{\"name\":\"hello\"}");
        for (int i = 0; i < 5; i++) {
            api.call("PATCH", "/api/apps/hello/config", "{\"N\":\"" + i + "\"}");
        }
        HttpResponse<String> first = api.call("GET", "/api/apps/hello/releases?limit=2", null);
        String next = next(first);
        assertThat(next).matches("/api/apps/hello/releases\\?limit=2&after=[^&]+");

        String byAfter = json(api.call("GET", next, null)).findValuesAsText("version").toString();
        String byCursor = json(api.call("GET", next.replace("&after=", "&cursor="), null))
                .findValuesAsText("version").toString();
        assertThat(byAfter).isEqualTo("[3, 2]");
        assertThat(byCursor).isEqualTo(byAfter);
        assertError(api.call("GET", "/api/apps/hello/releases?after=zzz", null), 400, "bad_request");
    }

    @Test
    void readsCursorAsAfterInTheSortedLists() {
        for (int i = 0; i < 4; i++) {
            api.call("POST", "/api/routes", "{\"domain\":\"app" + i + ".local\",\"targetUrl\":\"http://127.0.0.1:900" + i + "\"}");
        }
        assertThat(json(api.call("GET", "/api/routes?limit=2&cursor=app1.local", null)).findValuesAsText("domain"))
                .containsExactly("app2.local", "app3.local");
        assertThat(json(api.call("GET", "/api/routes?limit=2&after=app1.local", null)).findValuesAsText("domain"))
                .containsExactly("app2.local", "app3.local");
    }

    @Test
    void pagesTheAppsListTheSameWay() {
        for (String name : new String[] {"alpha", "bravo", "charlie"}) {
            api.call("POST", "/api/apps", "{\"name\":\"" + name + "\"}");
        }
        HttpResponse<String> first = api.call("GET", "/api/apps?limit=2", null);
        assertThat(json(first).findValuesAsText("name")).containsExactly("alpha", "bravo");
        assertThat(next(first)).isEqualTo("/api/apps?limit=2&after=bravo");
        assertThat(json(api.call("GET", "/api/apps?limit=2&cursor=bravo", null)).findValuesAsText("name"))
                .containsExactly("charlie");
        assertError(api.call("GET", "/api/apps?limit=10001", null), 400, "bad_request");
    }
}
