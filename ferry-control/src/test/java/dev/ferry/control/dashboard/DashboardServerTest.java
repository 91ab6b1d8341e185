package dev.ferry.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.ControlConfig;
import dev.ferry.control.ControlServer;
import dev.ferry.control.auth.AdminToken;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TunnelAgent;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.User;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.store.sql.SqliteStore;
import dev.ferry.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on a real control server over a real SQLite store, seen through plain HTTP (the browser tests in
 * ferry-server drive Chromium): sign-in, cookie flags, CSRF on API changes, access as in the API, escaping, assets.
 */
class DashboardServerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final MutableClock clock = new MutableClock();
    private final TrafficSeries traffic = new TrafficSeries();
    private final ResourceSeries resources = new ResourceSeries();
    private final List<TunnelAgent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
    private SqliteStore store;
    private JournaledRouteRegistry registry;
    private ControlServer server;
    private DashboardSessions sessions;
    private String adminToken;
    private String bobToken;

    @BeforeEach
    void start() {
        store = SqliteStore.openInDataDir(dir);
        adminToken = AdminToken.bootstrap(store, dir).token();
        User admin = store.authenticate(adminToken).orElseThrow();
        bobToken = store.createUser("bob@example.com", false, admin.id()).firstToken().secret();
        store.createApp(admin.id(), AppName.of("hello"));
        store.createApp(store.authenticate(bobToken).orElseThrow().id(), AppName.of("bobs"));
        sessions = new DashboardSessions(DashboardConfig.DEFAULT, clock);
        registry = JournaledRouteRegistry.inMemory();
        Deployments deployments = Deployments.withoutRuntime(store);
        Dashboard dashboard = Dashboard.create(sessions, store, store::authenticate, AuthFailureLimiter.unlimited(),
                deployments, registry, traffic, resources, () -> List.copyOf(agents), "localhost", clock);
        server = new ControlServer(ControlConfig.builder().port(0).build(), registry, store, store::authenticate,
                () -> "", List.of(), List.of(dashboard, new DashboardLinksApi(sessions)), deployments, List.of(),
                AccessChanges.NONE, AuthFailureLimiter.unlimited(), sessions).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void sendsAStrangerToSignInWithTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = send("GET", "/", null, null, Map.of());

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/sign-in");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CONTENT_SECURITY_POLICY);
        assertThat(Dashboard.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe");
    }

    @Test
    void signsInWithATokenIntoAnHttpOnlyStrictCookie() throws Exception {
        HttpResponse<String> wrong = signInResponse("ferry_wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not valid");
        assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardSessions.COOKIE + "="));

        HttpResponse<String> right = signInResponse(adminToken);
        assertThat(right.statusCode()).isEqualTo(303);
        String cookie = right.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(DashboardSessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        HttpResponse<String> apps = send("GET", "/", sessionOf(right), null, Map.of());
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("data-app=\"hello\"").contains("data-app=\"bobs\"");
    }

    @Test
    void refusesASignInPostedWithoutTheFormsOwnNonce() throws Exception {
        HttpResponse<String> r = send("POST", "/sign-in", null, "token=" + adminToken,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardSessions.COOKIE + "="));
    }

    @Test
    void refusesAnApiChangeWithoutTheSessionsCsrfToken() throws Exception {
        String session = signIn(bobToken);
        String csrf = csrfOf(send("GET", "/", session, null, Map.of()).body());

        HttpResponse<String> forged = send("PATCH", "/api/apps/bobs/config", session, "{\"A\":\"1\"}", Map.of());
        HttpResponse<String> wrong = send("PATCH", "/api/apps/bobs/config", session, "{\"A\":\"1\"}",
                Map.of(DashboardSessions.CSRF_HEADER, csrf + "x"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"code\":\"csrf_refused\"");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(store.config(AppName.of("bobs")).asMap()).isEmpty();
        HttpResponse<String> allowed = send("PATCH", "/api/apps/bobs/config", session, "{\"A\":\"1\"}",
                Map.of(DashboardSessions.CSRF_HEADER, csrf));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(store.config(AppName.of("bobs")).asMap()).containsEntry("A", "1");
    }

    @Test
    void answersAnotherUsersAppAsNotFoundAndAdminPagesAsForbidden() throws Exception {
        String session = signIn(bobToken);

        assertThat(send("GET", "/", session, null, Map.of()).body()).doesNotContain("data-app=\"hello\"");
        assertThat(send("GET", "/apps/hello", session, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/apps/hello/fragments/config", session, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/apps/hello/traffic.json", session, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/apps/hello", session, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/routes", session, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/routes", session, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/apps/bobs", session, null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void showsATunnelAppOfflineUntilADeviceServesIt() throws Exception {
        registry.putRoute("hello.localhost", RoutePolicy.DEFAULT.withTunnel(true));
        String session = signIn(adminToken);
        assertThat(send("GET", "/", session, null, Map.of()).body()).contains(">offline tunnel<");

        registry.addEndpoint("hello.localhost", Endpoint.tunnel("t1", "127.0.0.1", 40001), Optional.empty());

        assertThat(send("GET", "/", session, null, Map.of()).body()).contains(">tunnel<");
        assertThat(send("GET", "/admin/tunnels", session, null, Map.of()).body()).contains("hello.localhost")
                .contains("127.0.0.1:40001 (tunnel)");
    }

    @Test
    void listsTheGatewaysAgentsWithTheirConnectionTimesAndHeartbeats() throws Exception {
        String session = signIn(adminToken);
        assertThat(send("GET", "/admin/tunnels", session, null, Map.of()).body())
                .contains("No agent is connected to this platform's tunnel gateways.");
        Instant now = clock.instant();
        agents.add(new TunnelAgent("gw1-hello-1", "hello", 1, "127.0.0.1", List.of("hello--dev.localhost", "<b>x"),
                now.minusSeconds(600), now.minusSeconds(3), 17));

        String page = send("GET", "/admin/tunnels", session, null, Map.of()).body();

        assertThat(page).contains("1 agents").contains("<tr data-tunnel=\"gw1-hello-1\">")
                .contains("<td>hello</td>").contains("<td>#1</td>").contains("<td>127.0.0.1</td>")
                .contains("hello--dev.localhost, &lt;b&gt;x").contains(now.minusSeconds(600).toString())
                .contains("<td>3 s ago</td>").contains("<td>17</td>").doesNotContain("<b>x");
        assertThat(send("GET", "/admin/tunnels", signIn(bobToken), null, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void listsAHundredAppsInAMoment() throws Exception {
        User admin = store.authenticate(adminToken).orElseThrow();
        for (int i = 0; i < 100; i++) {
            store.createApp(admin.id(), AppName.of("app-" + i));
        }
        String session = signIn(adminToken);

        long started = System.nanoTime();
        String page = send("GET", "/", session, null, Map.of()).body();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(page).contains("102 apps").contains("data-app=\"app-99\"");
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void signsOutOnlyWithTheCsrfToken() throws Exception {
        String session = signIn(adminToken);
        String csrf = csrfOf(send("GET", "/", session, null, Map.of()).body());
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        assertThat(send("POST", "/sign-out", session, "", form).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/", session, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/sign-out", session, "_csrf=" + csrf, form).statusCode()).isEqualTo(303);
        assertThat(send("GET", "/", session, null, Map.of()).statusCode()).isEqualTo(303);
    }

    @Test
    void masksConfigValuesUntilRevealedAndEscapesThem() throws Exception {
        store.setConfig(AppName.of("bobs"), Map.of("SECRET", "<script>alert(1)</script>"),
                store.authenticate(bobToken).orElseThrow().id());
        String session = signIn(bobToken);

        String masked = send("GET", "/apps/bobs/fragments/config", session, null, Map.of()).body();
        String revealed = send("GET", "/apps/bobs/fragments/config?reveal=true", session, null, Map.of()).body();

        assertThat(masked).contains("SECRET").doesNotContain("alert(1)");
        assertThat(revealed).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void signsInOnceWithALinkAndEndsTheSessionWhenItsTokenIsRevoked() throws Exception {
        HttpResponse<String> issued = send("POST", "/api/dashboard/links", null, "",
                Map.of("Authorization", "Bearer " + bobToken));
        assertThat(issued.statusCode()).isEqualTo(201);
        String path = issued.body().replaceAll(".*\"path\":\"([^\"]+)\".*", "$1");
        String code = path.substring(path.indexOf("code=") + 5);

        HttpResponse<String> confirm = send("GET", path, null, null, Map.of());
        assertThat(confirm.statusCode()).isEqualTo(200);
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<String> forged = send("POST", "/sign-in/link", null, "code=" + code, form);
        assertThat(forged.statusCode()).isEqualTo(403);
        Matcher nonce = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(confirm.body());
        assertThat(nonce.find()).isTrue();
        HttpResponse<String> used = send("POST", "/sign-in/link",
                confirm.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                "nonce=" + nonce.group(1) + "&code=" + code, form);
        assertThat(used.statusCode()).isEqualTo(303);
        String session = sessionOf(used);
        assertThat(send("GET", "/apps/bobs", session, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", path, null, null, Map.of()).statusCode()).isEqualTo(404);

        User bob = store.authenticate(bobToken).orElseThrow();
        store.revokeToken(bob.id(), store.tokens(bob.id()).getFirst().id());
        assertThat(send("GET", "/apps/bobs", session, null, Map.of()).statusCode()).isEqualTo(303);
    }

    @Test
    void endsASessionLeftIdleAndRefusesAnExpiredLink() throws Exception {
        String session = signIn(adminToken);
        String code = sessions.issueLink(store.authenticate(adminToken).orElseThrow(), () -> true).code();

        clock.advance(DashboardConfig.DEFAULT.sessionIdle());

        assertThat(send("GET", "/", session, null, Map.of()).statusCode()).isEqualTo(303);
        assertThat(sessions.redeem(code)).isEmpty();
    }

    @Test
    void servesHtmxAndUplotFromTheirWebJars() throws Exception {
        for (String asset : List.of("vendor/htmx.min.js", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css",
                "dashboard.js", "stream.js", "charts.js", "autoscale.js", "dashboard.css")) {
            HttpResponse<String> r = send("GET", "/assets/" + asset, null, null, Map.of());
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.body()).as(asset).isNotBlank();
        }
        assertThat(send("GET", "/assets/../../secret.key", null, null, Map.of()).statusCode()).isIn(400, 404);
        assertThat(send("GET", "/assets/vendor/package.json", null, null, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void chartsTheTrafficSeriesOfAnApp() throws Exception {
        traffic.record(AppName.of("hello"), clock.instant(), 200, 12, 5, 100);
        traffic.record(AppName.of("hello"), clock.instant(), 502, 30, 0, 10);
        String session = signIn(adminToken);

        String json = send("GET", "/apps/hello/traffic.json?window=hour", session, null, Map.of()).body();

        assertThat(json).contains("\"window\":\"hour\"").contains("\"requests\":2");
        assertThat(send("GET", "/apps/hello/traffic.json?window=week", session, null, Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void chartsTheInstancesCpuAndMemorySampledFromTheMeterAndNotMeasuredAsNull() throws Exception {
        Instant at = clock.instant();
        InstanceMeter meter = app -> app.value().equals("hello")
                ? Map.of("web.1", new InstanceUsage(at, 30.0, 100L << 20), "web.2", new InstanceUsage(at, 12.5, 50L << 20))
                : Map.of();
        ResourceSampler sampler = new ResourceSampler(store, meter, resources, clock);
        sampler.sample();
        sampler.sample();
        String session = signIn(adminToken);

        JsonNode hello = new ObjectMapper().readTree(send("GET", "/apps/hello/traffic.json?window=hour", session, null,
                Map.of()).body());
        JsonNode bobs = new ObjectMapper().readTree(send("GET", "/apps/bobs/traffic.json?window=hour", session, null,
                Map.of()).body());

        assertThat(hello.get("measured").asBoolean()).isTrue();
        assertThat(hello.get("cpu").get(59).asDouble()).isEqualTo(42.5);
        assertThat(hello.get("mem").get(59).asLong()).isEqualTo(150L << 20);
        assertThat(hello.get("cpu").get(58).isNull()).as("a minute without a sample is not measured").isTrue();
        assertThat(hello.get("cpu")).hasSize(hello.get("t").size());
        assertThat(bobs.get("measured").asBoolean()).isFalse();
        assertThat(bobs.get("cpu").get(59).isNull()).as("never 0 for an app not measured").isTrue();
        assertThat(send("GET", "/apps/hello", session, null, Map.of()).body())
                .contains("data-chart=\"cpu\"").contains("data-chart=\"memory\"");
    }

    private String signIn(String token) throws Exception {
        HttpResponse<String> r = signInResponse(token);
        assertThat(r.statusCode()).isEqualTo(303);
        return sessionOf(r);
    }

    private HttpResponse<String> signInResponse(String token) throws Exception {
        HttpResponse<String> form = send("GET", "/sign-in", null, null, Map.of());
        Matcher nonce = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(nonce.find()).isTrue();
        String formCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", formCookie)
                .POST(HttpRequest.BodyPublishers.ofString("nonce=" + nonce.group(1) + "&token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionOf(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardSessions.COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0];
    }

    private static String csrfOf(String page) {
        Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String path, String cookie, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
