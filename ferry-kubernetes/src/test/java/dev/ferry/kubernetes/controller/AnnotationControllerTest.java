package dev.ferry.kubernetes.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.testing.MemoryRouteRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The annotation controller against the mock API server in CRUD mode, the test playing the endpoint controller: a
 * Service made by hand with {@code ferry.dev/domains} is routed to its ready addresses within 1 s, follows its
 * endpoints and its annotation, loses its routes with the annotation or the Service, and a bad value changes nothing
 * but is reported as an Event.
 */
@EnableKubernetesMockClient(crud = true)
class AnnotationControllerTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    KubernetesClient client;

    private final MemoryRouteRegistry registry = new MemoryRouteRegistry();
    private Cluster cluster;
    private AnnotationController controller;

    @BeforeEach
    void start() {
        cluster = new Cluster(client);
        controller = new AnnotationController(client, registry, ControllerConfig.DEFAULT);
        controller.start();
        await().atMost(Duration.ofSeconds(10)).until(controller::isReady);
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void routesAHandMadeServiceToItsReadyAddressesWithinOneSecond() {
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1", "10.1.0.2"), List.of("10.1.0.3"));
        cluster.annotated("shop", "web", "shop.example.com, WWW.example.com");

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(addresses("shop.example.com")).containsExactlyInAnyOrder("10.1.0.1:8080", "10.1.0.2:8080");
            assertThat(addresses("www.example.com")).containsExactlyInAnyOrder("10.1.0.1:8080", "10.1.0.2:8080");
        });
    }

    @Test
    void followsPodsAsTheyBecomeReadyAndGo() {
        cluster.annotated("shop", "web", "shop.example.com");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(registry.table().route("shop.example.com"))
                .as("a Service without a ready pod has an empty route: 503, not 404").isNotNull());
        assertThat(addresses("shop.example.com")).isEmpty();

        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of("10.1.0.2"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("shop.example.com")).containsExactly("10.1.0.1:8080"));

        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.2"), List.of("10.1.0.1"));
        cluster.slice("shop", "web", "web-def", 8080, List.of("10.1.0.7"), List.of());
        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("shop.example.com"))
                .containsExactlyInAnyOrder("10.1.0.2:8080", "10.1.0.7:8080"));

        cluster.deleteSlice("shop", "web-abc");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("shop.example.com")).containsExactly("10.1.0.7:8080"));
    }

    @Test
    void movesTheRoutesWhenTheAnnotationChanges() {
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "a.example.com,b.example.com");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("b.example.com")).containsExactly("10.1.0.1:8080"));

        cluster.annotated("shop", "web", "b.example.com,c.example.com");

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(registry.table().route("a.example.com")).isNull();
            assertThat(addresses("b.example.com")).containsExactly("10.1.0.1:8080");
            assertThat(addresses("c.example.com")).containsExactly("10.1.0.1:8080");
        });
    }

    @Test
    void removesTheRoutesWhenTheAnnotationGoes() {
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        await().atMost(WITHIN).until(() -> registry.table().route("shop.example.com") != null);

        cluster.service("shop", "web", Map.of("other", "annotation"));

        await().atMost(WITHIN).until(() -> registry.table().route("shop.example.com") == null);
    }

    @Test
    void removesTheRoutesWhenTheServiceIsDeleted() {
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        await().atMost(WITHIN).until(() -> registry.table().route("shop.example.com") != null);

        cluster.deleteService("shop", "web");

        await().atMost(WITHIN).until(() -> registry.table().route("shop.example.com") == null);
    }

    @Test
    void leavesEndpointsOthersRegisteredUnderTheSameHost() {
        Endpoint manual = Endpoint.of("127.0.0.9", 9000);
        registry.addEndpoint("shop.example.com", manual, java.util.Optional.empty());
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        await().atMost(WITHIN).until(() -> addresses("shop.example.com").size() == 2);

        cluster.deleteService("shop", "web");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("shop.example.com")).containsExactly("127.0.0.9:9000"));
    }

    @Test
    void refusesABadHostNameWithAnEventAndChangesNothing() throws Exception {
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        await().atMost(WITHIN).until(() -> addresses("shop.example.com").size() == 1);
        cluster.annotated("shop", "bad", "fine.example.com,not_a host!");
        cluster.slice("shop", "bad", "bad-abc", 8080, List.of("10.1.0.5"), List.of());

        cluster.annotated("shop", "web", "other.example.com,-bad-.example.com");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(warnings("shop")).containsOnlyKeys("bad", "web"));
        assertThat(warnings("shop").get("web")).contains("-bad-.example.com").contains("is not a valid host name");
        assertThat(warnings("shop").get("bad")).contains("not_a host!");
        Thread.sleep(300); // what a wrong controller would do, it would have done by now
        assertThat(registry.table().routes()).extracting(Route::domain).containsExactly("shop.example.com");
        assertThat(addresses("shop.example.com")).containsExactly("10.1.0.1:8080");

        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1", "10.1.0.2"), List.of());
        await().atMost(WITHIN).untilAsserted(() -> assertThat(addresses("shop.example.com"))
                .as("the last good hosts still follow the pods").hasSize(2));
        assertThat(client.v1().events().inNamespace("shop").list().getItems()).as("each refused value is reported once")
                .hasSize(2);

        cluster.annotated("shop", "web", "other.example.com");
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(registry.table().route("shop.example.com")).isNull();
            assertThat(addresses("other.example.com")).hasSize(2);
        });
    }

    @Test
    void refusesNamesOutsideTheAllowedDomains() {
        controller.close();
        controller = new AnnotationController(client, registry, ControllerConfig.DEFAULT.withAllowedDomains(List.of("example.com")));
        controller.start();
        await().atMost(Duration.ofSeconds(10)).until(controller::isReady);
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com,hello.localhost");
        cluster.annotated("shop", "ok", "ok.example.com");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(warnings("shop")).containsKey("web"));
        assertThat(warnings("shop").get("web")).contains("'hello.localhost' is outside the domains");
        await().atMost(WITHIN).until(() -> registry.table().route("ok.example.com") != null);
        assertThat(registry.table().route("shop.example.com")).isNull();
        assertThat(registry.table().route("hello.localhost")).isNull();
    }

    @Test
    void watchesOnlyTheNamespacesItIsTold() {
        controller.close();
        controller = new AnnotationController(client, registry, ControllerConfig.DEFAULT.withWatchNamespaces(List.of("shop")));
        controller.start();
        await().atMost(Duration.ofSeconds(10)).until(controller::isReady);
        cluster.slice("other", "web", "web-abc", 8080, List.of("10.2.0.1"), List.of());
        cluster.annotated("other", "web", "other.example.com");
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");

        await().atMost(WITHIN).until(() -> addresses("shop.example.com").size() == 1);
        assertThat(registry.table().route("other.example.com")).isNull();
    }

    private Set<String> addresses(String host) {
        Route route = registry.table().route(host);
        return route == null ? Set.of() : route.endpoints().stream().map(Endpoint::authority).collect(Collectors.toSet());
    }

    /** The Warning events of the namespace, by the name of their Service. */
    private Map<String, String> warnings(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && ServiceEvents.INVALID_DOMAINS.equals(e.getReason()))
                .collect(Collectors.toMap(e -> e.getInvolvedObject().getName(), Event::getMessage, (a, b) -> a + "\n" + b));
    }
}
