package dev.ferry.kubernetes.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.kubernetes.controller.AnnotationController;
import dev.ferry.kubernetes.controller.Cluster;
import dev.ferry.kubernetes.controller.ControllerConfig;
import dev.ferry.testing.MemoryRouteRegistry;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two controllers against one mock API server, each with its own client and its own registry (to see which one
 * writes): only the holder of the Lease routes; when it stops, on purpose or by no longer renewing, the other takes
 * over and routes what changed meanwhile, undoing from the leader's record the hosts of Services changed or deleted
 * while no one led. (That a leader cut off from the API server stops its own work after the
 * renew deadline is fabric8's elector's part, not exercised here: the mock cannot be cut off from one client alone.)
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectedControllerTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final LeaseConfig LEASE = LeaseConfig.of("ferry-system", "ferry-kubernetes-controller", "unused")
            .withTiming(Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(200));

    @Test
    void onlyTheLeaderRoutesAndTheOtherTakesOverWhenItStops() {
        Cluster cluster = new Cluster(client);
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        try (Replica a = new Replica("a"); Replica b = new Replica("b")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> a.leadership.isLeading() || b.leadership.isLeading());
            Replica leader = a.leadership.isLeading() ? a : b;
            Replica follower = leader == a ? b : a;
            await().atMost(Duration.ofSeconds(1)).until(() -> leader.routes("shop.example.com") == 1);
            assertThat(follower.leadership.isLeading()).isFalse();
            assertThat(follower.registry.table().routes()).as("the follower writes no route").isEmpty();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.name);

            leader.close();
            cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1", "10.1.0.2"), List.of());

            await().atMost(Duration.ofSeconds(3)).until(() -> follower.routes("shop.example.com") == 2);
            assertThat(follower.leadership.isLeading()).isTrue();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(follower.name);
        }
    }

    @Test
    void aLeaderThatStopsRenewingIsReplacedOnceTheLeaseExpires() {
        Cluster cluster = new Cluster(client);
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com");
        try (Replica a = new Replica("a")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> a.routes("shop.example.com") == 1);
            try (Replica b = new Replica("b")) {
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2))
                        .until(() -> !b.leadership.isLeading());

                a.client.close(); // the leader can no longer reach the API server: no renewal, no release

                await().atMost(Duration.ofSeconds(5)).until(() -> b.routes("shop.example.com") == 1);
                assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");
            }
        }
    }

    @Test
    void aNewLeaderUndoesWhatChangedWhileNoOneLed() {
        Cluster cluster = new Cluster(client);
        MemoryRouteRegistry shared = new MemoryRouteRegistry();
        cluster.slice("shop", "web", "web-abc", 8080, List.of("10.1.0.1"), List.of());
        cluster.annotated("shop", "web", "shop.example.com,keep.example.com");
        cluster.slice("shop", "old", "old-abc", 8080, List.of("10.1.0.9"), List.of());
        cluster.annotated("shop", "old", "old.example.com");
        try (Replica a = new Replica("a", shared)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> a.routes("shop.example.com") == 1 && a.routes("old.example.com") == 1);
        }

        cluster.annotated("shop", "web", "keep.example.com,new.example.com");
        cluster.deleteService("shop", "old");

        try (Replica b = new Replica("b", shared)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(shared.table().route("shop.example.com")).as("a host the annotation no longer lists").isNull();
                assertThat(shared.table().route("old.example.com")).as("the host of a deleted Service").isNull();
                assertThat(b.routes("keep.example.com")).isEqualTo(1);
                assertThat(b.routes("new.example.com")).isEqualTo(1);
            });
        }
    }

    private Lease lease() {
        return client.leases().inNamespace(LEASE.namespace()).withName(LEASE.name()).get();
    }

    /** One replica of the controller: its own client, registry and place in the election. */
    private final class Replica implements AutoCloseable {
        final String name;
        final KubernetesClient client = server.createClient();
        final MemoryRouteRegistry registry;
        final LeaseLeadership leadership;

        Replica(String name) {
            this(name, new MemoryRouteRegistry());
        }

        Replica(String name, MemoryRouteRegistry registry) {
            this.name = name;
            this.registry = registry;
            LeaseConfig lease = new LeaseConfig(LEASE.namespace(), LEASE.name(), name, LEASE.leaseDuration(),
                    LEASE.renewDeadline(), LEASE.retryPeriod());
            this.leadership = LeaseLeadership.start(client, lease, () -> {
                AnnotationController controller = new AnnotationController(client, registry, ControllerConfig.DEFAULT);
                controller.start();
                return controller;
            });
        }

        int routes(String host) {
            var route = registry.table().route(host);
            return route == null ? 0 : route.endpoints().size();
        }

        @Override
        public void close() {
            leadership.close();
            client.close();
        }
    }
}
