package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed system's usage, against a whole platform: register a route over the API, call it through the router. */
class SeedUsageTest {

    @TempDir
    Path dataDir;

    @Test
    void routesARegisteredDomainToItsBackendWithForwardingHeaders() throws Exception {
        try (Backend backend = Backend.start("one"); Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());

            HttpResponse<String> created = api.post("/api/routes",
                    "{\"domain\":\"app1.local\",\"targetUrl\":\"" + backend.url() + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);

            HttpResponse<String> routed = api.viaRouter("app1.local", "/hello?x=1");
            assertThat(routed.statusCode()).isEqualTo(200);
            assertThat(routed.body()).isEqualTo("backend one\n");
            assertThat(routed.headers().firstValue("X-Request-Id")).isPresent();

            var seen = backend.lastHeaders();
            assertThat(seen.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
            assertThat(seen.get("X-Forwarded-Port")).isEqualTo(String.valueOf(platform.httpPort()));
            assertThat(seen.get("X-Forwarded-Host")).startsWith("app1.local");
            assertThat(seen.get("X-Request-Id")).isEqualTo(routed.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(Long.parseLong(seen.get("X-Request-Start"))).isGreaterThan(1_700_000_000_000L);
            assertThat(seen.get("Via")).contains("ferry");
        }
    }

    @Test
    void answersUnknownHostsAndEmptyPoolsWithFerryErrors() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());

            HttpResponse<String> unknown = api.viaRouter("nobody.local", "/");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Ferry-Error")).hasValue("no_such_app");

            try (Backend backend = Backend.start("gone")) {
                api.post("/api/routes", "{\"domain\":\"empty.local\",\"targetUrl\":\"" + backend.url() + "\"}");
                api.delete("/api/routes/empty.local/targets?url=" + backend.url());
            }
            HttpResponse<String> empty = api.viaRouter("empty.local", "/");
            assertThat(empty.statusCode()).isEqualTo(503);
            assertThat(empty.headers().firstValue("Ferry-Error")).hasValue("no_healthy_instance");
        }
    }

    @Test
    void answersNoHealthyInstanceWhenEveryEndpointIsDown() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            for (String name : new String[] {"a", "b"}) {
                String url;
                try (Backend gone = Backend.start(name)) {
                    url = gone.url();
                }
                assertThat(api.post("/api/routes", "{\"domain\":\"down.local\",\"targetUrl\":\"" + url + "\"}").statusCode())
                        .isEqualTo(201);
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> down = api.viaRouter("down.local", "/");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.headers().firstValue("Ferry-Error")).hasValue("no_healthy_instance");
            }
        }
    }

    @Test
    void writesTheAdminTokenPrivatelyAndRefusesCallsWithoutIt() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Path tokenFile = dataDir.resolve("admin-token");
            assertThat(Files.readString(tokenFile).trim()).isEqualTo(platform.adminToken().token());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");

            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.unauthenticated("/api/routes").statusCode()).isEqualTo(401);
            Api wrong = new Api(platform.apiPort(), platform.httpPort(), "ferry_wrong");
            assertThat(wrong.get("/api/routes").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void refusesASecondPlatformOnTheSameDataDirectory() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.start(FerryConfig.ephemeral(dataDir)))
                    .hasMessageContaining("already running");
        }
    }
}
