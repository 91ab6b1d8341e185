package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.RouteRegistry;
import dev.ferry.kubernetes.controller.Cluster;
import dev.ferry.kubernetes.controller.ControllerConfig;
import dev.ferry.kubernetes.leadership.LeaseConfig;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.kubernetes.KubernetesControllerWiring;
import dev.ferry.server.router.RouterNode;
import dev.ferry.store.route.RedisRegistryConfig;
import dev.ferry.store.route.RedisRouteRegistry;
import dev.ferry.store.route.RedisServerProcess;
import dev.ferry.testing.HttpOrigin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Service made by hand is served through a real router with no call to Ferry's API: the
 * {@code ferry kubernetes-controller} wiring against the mock API server (the test playing the endpoint controller)
 * writes routes to a real Redis, and a {@link RouterNode} reading that Redis sends requests to stand-in servers at the
 * pods' addresses (127.0.0.2 and 127.0.0.3). The route is in Redis within 1 s of the annotation; it follows the pods, moves with the annotation and goes with the
 * Service.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesControllerTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void routesAHandMadeServiceThroughARouterAndFollowsItsPodsAndAnnotation() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(dir.resolve("redis"), true);
             HttpOrigin podA = HttpOrigin.start("127.0.0.2", 0, answer("pod a"));
             HttpOrigin podB = HttpOrigin.start("127.0.0.3", podA.port(), answer("pod b"));
             RouteRegistry registry = RedisRouteRegistry.open(RedisRegistryConfig.of(redis.uri()));
             KubernetesControllerWiring controller = KubernetesControllerWiring.start(client, registry,
                     ControllerConfig.DEFAULT, LeaseConfig.of("ferry-system", "ferry-kubernetes-controller", "replica-1"),
                     "127.0.0.1", 0);
             RouterNode router = RouterNode.start(FerryConfig.ephemeral(dir.resolve("router")).toBuilder()
                     .registry(Optional.of(RedisRegistryConfig.of(redis.uri()))).build(), RuntimePlatform.TUNING)) {
            await().atMost(Duration.ofSeconds(10)).until(controller::isRouting);
            Cluster cluster = new Cluster(client);
            cluster.slice("shop", "web", "web-abc", podA.port(), List.of("127.0.0.2"), List.of("127.0.0.3"));

            cluster.annotated("shop", "web", "shop.example.com");
            await("in the route registry within 1 s").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> registry.table().route("shop.example.com") != null
                            && registry.table().route("shop.example.com").endpoints().size() == 1);
            await("then served through the router").atMost(Duration.ofSeconds(5))
                    .until(() -> get(router, "shop.example.com").body().equals("pod a"));

            cluster.slice("shop", "web", "web-abc", podA.port(), List.of("127.0.0.2", "127.0.0.3"), List.of());
            await().atMost(Duration.ofSeconds(2)).until(() -> answers(router, "shop.example.com").equals(Set.of("pod a", "pod b")));

            cluster.slice("shop", "web", "web-abc", podA.port(), List.of("127.0.0.3"), List.of("127.0.0.2"));
            await().atMost(Duration.ofSeconds(2)).until(() -> answers(router, "shop.example.com").equals(Set.of("pod b")));

            cluster.annotated("shop", "web", "www.example.com");
            await().atMost(Duration.ofSeconds(2)).until(() -> get(router, "shop.example.com").statusCode() == 404
                    && get(router, "www.example.com").body().equals("pod b"));

            cluster.deleteService("shop", "web");
            await().atMost(Duration.ofSeconds(2)).until(() -> get(router, "www.example.com").statusCode() == 404);
            assertThat(get(router, "www.example.com").headers().firstValue("Ferry-Error")).contains("no_such_app");
        }
    }

    private static com.sun.net.httpserver.HttpHandler answer(String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
    }

    private HttpResponse<String> get(RouterNode router, String host) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.httpPort() + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What 20 requests in a row are answered with. */
    private Set<String> answers(RouterNode router, String host) throws Exception {
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(get(router, host).body());
        }
        return bodies;
    }
}
