package dev.ferry.kubernetes.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the parts of Kubernetes the mock API server lacks (it runs no controllers): the Job controller (every Job
 * succeeds, or fails when told), the Deployment controller and the kubelet (each Deployment gets its replicas as
 * running, ready pods of its template, with addresses {@code 127.0.0.1}, {@code 127.0.0.2} and so on, and a status saying the rollout is
 * complete; pods of an older template go) and the EndpointSlice controller (the {@code web} Service's slice lists
 * the ready web pods on the port a stand-in server listens on). It polls every 50 ms on a thread of its own and uses
 * its own client, whose user agent {@link ApiCalls} leaves out of the recorded calls.
 */
public final class TestKubelet implements AutoCloseable {

    public static final String USER_AGENT = "ferry-test-kubelet";

    private final KubernetesClient client;
    private final int servingPort;
    private final AtomicBoolean jobsSucceed = new AtomicBoolean(true);
    private final AtomicBoolean deploymentsBecomeReady = new AtomicBoolean(true);
    private final AtomicInteger addresses = new AtomicInteger();
    private final Thread loop;
    private volatile boolean closed;

    /** @param servingPort the port the web pods' addresses serve on (a stand-in server's) */
    public TestKubelet(KubernetesMockServer server, int servingPort) {
        this.client = observer(server);
        this.servingPort = servingPort;
        this.loop = Thread.ofPlatform().daemon().name("test-kubelet").start(this::run);
    }

    /** A client for a test's own reads and writes, which {@link ApiCalls} leaves out of Ferry's calls as the kubelet's. */
    public static KubernetesClient observer(KubernetesMockServer server) {
        return server.createClient(b -> b.editOrNewConfig().withUserAgent(USER_AGENT).endConfig());
    }

    /** From now on, Jobs fail instead of succeeding. */
    public TestKubelet failJobs() {
        jobsSucceed.set(false);
        return this;
    }

    /** From now on, new pods never become ready (their rollouts hang). */
    public TestKubelet neverReady() {
        deploymentsBecomeReady.set(false);
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::finish);
                if (deploymentsBecomeReady.get()) {
                    client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::rollOut);
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    sleepQuietly();
                }
            }
        }
    }

    private void finish(Job job) {
        if (job.getStatus() != null && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null)) {
            return;
        }
        job.setStatus(jobsSucceed.get() ? new JobStatusBuilder().withSucceeded(1).build()
                : new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                        .withMessage("Job has reached the specified backoff limit").endCondition().build());
        client.batch().v1().jobs().resource(job).update();
    }

    private void rollOut(Deployment d) {
        String ns = d.getMetadata().getNamespace();
        Map<String, String> template = d.getSpec().getTemplate().getMetadata().getLabels();
        int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        List<Pod> pods = client.pods().inNamespace(ns).withLabels(d.getSpec().getSelector().getMatchLabels()).list()
                .getItems();
        for (Pod p : pods) {
            if (!p.getMetadata().getLabels().equals(template)) {
                client.pods().inNamespace(ns).resource(p).delete();
            }
        }
        // As the ReplicaSet controller does: the pods of lowest controller.kubernetes.io/pod-deletion-cost go first.
        List<Pod> current = pods.stream().filter(p -> p.getMetadata().getLabels().equals(template))
                .sorted(java.util.Comparator.comparingInt(TestKubelet::deletionCost).reversed()).toList();
        for (int i = current.size(); i < wanted; i++) {
            String ip = "127.0.0." + (addresses.getAndIncrement() % 250 + 1);
            client.pods().inNamespace(ns).resource(new PodBuilder()
                    .withNewMetadata().withName(d.getMetadata().getName() + "-" + System.nanoTime())
                    .withNamespace(ns).withLabels(template).withCreationTimestamp(Instant.now().toString()).endMetadata()
                    .withSpec(d.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase("Running").withPodIP(ip).withStartTime(Instant.now().toString())
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addNewContainerStatus().withName(d.getMetadata().getName()).withRestartCount(0).withReady(true)
                    .withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                    .endStatus().build()).create();
        }
        for (int i = wanted; i < current.size(); i++) {
            client.pods().inNamespace(ns).resource(current.get(i)).delete();
        }
        if (d.getMetadata().getName().equals("web")) {
            publishSlice(ns, d);
        }
        Long generation = d.getMetadata().getGeneration();
        var status = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(wanted)
                .withUpdatedReplicas(wanted).withReadyReplicas(wanted).withAvailableReplicas(wanted).build();
        if (!status.equals(d.getStatus())) {
            d.setStatus(status);
            client.apps().deployments().resource(d).update();
        }
    }

    private static int deletionCost(Pod p) {
        Map<String, String> annotations = p.getMetadata().getAnnotations();
        return annotations == null ? 0 : Integer.parseInt(annotations.getOrDefault("controller.kubernetes.io/pod-deletion-cost", "0"));
    }

    private void publishSlice(String ns, Deployment web) {
        List<String> ips = client.pods().inNamespace(ns).withLabels(web.getSpec().getSelector().getMatchLabels()).list()
                .getItems().stream().map(p -> p.getStatus().getPodIP()).sorted().toList();
        EndpointSliceBuilder slice = new EndpointSliceBuilder()
                .withNewMetadata().withName("web-slice").withNamespace(ns)
                .withLabels(Map.of("kubernetes.io/service-name", "web")).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withPort(servingPort).withProtocol("TCP").endPort();
        ips.forEach(ip -> slice.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions()
                .endEndpoint());
        EndpointSlice built = slice.build();
        EndpointSlice existing = client.discovery().v1().endpointSlices().inNamespace(ns).withName("web-slice").get();
        if (existing == null || !Objects.equals(existing.getEndpoints(), built.getEndpoints())) {
            client.discovery().v1().endpointSlices().inNamespace(ns).resource(built)
                    .createOr(NonDeletingOperation::update);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        loop.interrupt();
        loop.join(5_000);
        client.close();
    }
}
