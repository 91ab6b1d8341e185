package dev.ferry.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.auth.AdminToken;
import dev.ferry.control.builds.BuildsApi;
import dev.ferry.core.build.BuildOutputs;
import dev.ferry.control.keys.KeysApi;
import dev.ferry.control.tunnel.TunnelApi;
import dev.ferry.control.tunnel.TunnelDirectory;
import dev.ferry.control.ps.ProcessesApi;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.store.sql.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real {@link ControlServer} on an ephemeral port of 127.0.0.1 over the embedded in-memory {@link JournaledRouteRegistry} and a
 * real {@link SqliteStore} in a temporary directory, with the processes API and a {@link Reconciler} over a
 * {@link FakeRuntime}, with a bootstrapped admin and a small HTTP client for
 * tests. {@link #TOKEN} is accepted as the admin's token besides the store's own tokens
 * ({@link #adminToken}). Close it after the test; that deletes the directory.
 */
public final class RunningControlServer implements AutoCloseable {

    /** A fixed token of the admin, so tests of the routes API need no set-up. */
    public static final String TOKEN = "ferry_test-token";
    public static final String METRICS = "# TYPE ferry_up gauge\nferry_up 1\n";
    /** What {@code GET /api/ssh} answers about git over SSH. */
    public static final int SSH_PORT = 2222;
    public static final String SSH_HOST_KEY = "SHA256:hostkeyfingerprintfortests";

    /** The one tunnel gateway the server describes. */
    public static final TunnelDirectory TUNNELS = new TunnelDirectory() {
        @Override
        public List<Gateway> gateways() {
            return List.of(new Gateway("localhost", 7000, "sha256:" + "ab".repeat(32)));
        }

        @Override
        public String previewHost(AppName app) {
            return app.value() + "--dev.localhost";
        }

        @Override
        public AppHostNames hostNames() {
            return new AppHostNames("localhost");
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    public final JournaledRouteRegistry registry = JournaledRouteRegistry.inMemory();
    /** The separate gateways registered through the API, with the agents they report. */
    public final dev.ferry.control.tunnel.RegisteredGateways separateGateways = new dev.ferry.control.tunnel.RegisteredGateways();
    /** The output of each build as the builds API serves it; tests put text here. */
    public final java.util.Map<dev.ferry.core.store.BuildId, String> buildOutput = new java.util.concurrent.ConcurrentHashMap<>();
    private final BuildOutputs buildOutputs = (id, follow) -> Optional.ofNullable(buildOutput.get(id))
            .map(text -> new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    private final AtomicInteger routeChanges = new AtomicInteger();
    public final SqliteStore store;
    public final ControlServer server;
    public final User admin;
    /** The runtime behind the processes API and the reconciler. */
    public final FakeRuntime runtime = new FakeRuntime();
    /** Counts wrong tunnel agent tokens sent by separate gateways: 3 per minute per agent address. */
    public final dev.ferry.core.access.AuthFailureLimiter tunnelAgentFailures = new dev.ferry.core.access.AuthFailureLimiter(
            new dev.ferry.core.access.AuthFailureLimits(3, Duration.ofMinutes(1)), f -> { });
    /** The admin's token as issued by the store. */
    public final String adminToken;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RunningControlServer(Set<Integer> reservedPorts) {
        this(reservedPorts, store -> List.of());
    }

    /** With extra parts of the API, made over the test's store. */
    public RunningControlServer(Function<SqliteStore, List<ControlApi>> apis) {
        this(Set.of(), apis);
    }

    private RunningControlServer(Set<Integer> reservedPorts, Function<SqliteStore, List<ControlApi>> apis) {
        try {
            dataDir = Files.createTempDirectory("ferry-control-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.subscribe(new RouteListener() {
            @Override
            public void onSnapshot(RouteTable table) {
            }

            @Override
            public void onChange(RouteChange change) {
                routeChanges.incrementAndGet();
            }
        });
        store = SqliteStore.openInDataDir(dataDir);
        adminToken = AdminToken.bootstrap(store, dataDir).token();
        admin = store.authenticate(adminToken).orElseThrow();
        ControlConfig config = ControlConfig.builder().port(0).reservedPorts(reservedPorts).build();
        server = new ControlServer(config, registry, store,
                t -> TOKEN.equals(t) ? Optional.of(admin) : store.authenticate(t), () -> METRICS, List.of(),
                withStandardApis(store, apis.apply(store)), new Reconciler(store, store, runtime)).start();
    }

    public RunningControlServer() {
        this(Set.of());
    }

    /** The builds and keys APIs every test server has, then the test's own parts. */
    private List<ControlApi> withStandardApis(SqliteStore store, List<ControlApi> extra) {
        List<ControlApi> all = new java.util.ArrayList<>();
        all.add(new BuildsApi(store, store, store, buildOutputs, dev.ferry.core.access.SessionRegistry.NONE, store));
        all.add(new KeysApi(store, Optional.of(new KeysApi.SshEndpoint(SSH_PORT, SSH_HOST_KEY))));
        all.add(new TunnelApi(store, TUNNELS));
        all.add(new dev.ferry.control.tunnel.TunnelGrantsApi(store, store::authenticate, TUNNELS, tunnelAgentFailures));
        all.add(new ProcessesApi(store, store, store, runtime));
        all.add(new dev.ferry.control.tunnel.TunnelGatewaysApi(separateGateways,
                new dev.ferry.control.tunnel.TunnelGatewaysApi.Endpoints() {
                    @Override
                    public void publish(String name, dev.ferry.core.route.Endpoint endpoint, Duration ttl) {
                        registry.addEndpoint(name, endpoint, Optional.of(ttl));
                    }

                    @Override
                    public void withdraw(String name, String endpointId) {
                        registry.removeEndpoint(name, endpointId);
                    }
                }));
        all.addAll(extra);
        return all;
    }

    /** How many route changes the registry has delivered, so tests can assert that a refused call changed nothing. */
    public int routeChanges() {
        return routeChanges.get();
    }

    /** A new user who is not an admin; returns the user's first token. */
    public String newUser(String email) {
        NewUser created = store.createUser(email, false, admin.id());
        return created.firstToken().secret();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public HttpResponse<String> call(String method, String path, String body) {
        return call(method, path, body, TOKEN);
    }

    /** One request; {@code token} null sends no Authorization header. */
    public HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Asserts an error answer: its status, its stable code and a non-blank sentence. */
    public static void assertError(HttpResponse<String> r, int status, String code) {
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(json(r).get("code").asText()).isEqualTo(code);
        org.assertj.core.api.Assertions.assertThat(json(r).get("error").asText()).isNotBlank();
    }

    @Override
    public void close() {
        server.close();
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
