package dev.ferry.kubernetes.runtime;

import dev.ferry.core.runtime.DeployResult;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Rolls an app's Deployments to a release and formation and waits until every rollout is complete; when one is not
 * within the rollout timeout, puts back the Deployments as they were (the old pods never stopped serving, since
 * no old pod goes before a new one is ready) and reports why.
 */
final class Rollouts {

    private final KubernetesClient client;
    private final KubernetesRuntimeConfig config;
    private final ReleaseObjects objects;

    Rollouts(KubernetesClient client, KubernetesRuntimeConfig config, ReleaseObjects objects) {
        this.client = client;
        this.config = config;
        this.objects = objects;
    }

    /** The app's Deployments now. */
    List<Deployment> current(String app) {
        return client.apps().deployments().inNamespace(config.namespaceOf(app))
                .withLabel(FerryLabels.MANAGED_BY, FerryLabels.FERRY).list().getItems();
    }

    DeployResult roll(ReleasePlan plan, Map<String, Integer> counts, Consumer<String> progress) {
        String ns = config.namespaceOf(plan.app());
        List<Deployment> before = current(plan.app());
        var deployments = client.apps().deployments().inNamespace(ns);
        for (var e : counts.entrySet()) {
            progress.accept("Scaling " + e.getKey() + " to " + e.getValue() + " of v" + plan.version());
            deployments.resource(objects.deployment(plan, e.getKey(), e.getValue()))
                    .createOr(NonDeletingOperation::update);
        }
        if (counts.containsKey(ReleaseObjects.WEB)) {
            client.services().inNamespace(ns).resource(objects.webService(plan.app()))
                    .createOr(NonDeletingOperation::update);
        }
        Instant deadline = Instant.now().plus(config.rolloutTimeout());
        for (String type : counts.keySet()) {
            long left = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
            try {
                deployments.withName(type).waitUntilCondition(RolloutStatus::complete, left, TimeUnit.MILLISECONDS);
            } catch (KubernetesClientTimeoutException e) {
                restore(ns, before, counts);
                return DeployResult.failure(type + " of v" + plan.version() + " was not ready within "
                        + config.rolloutTimeout().toSeconds() + " s; the previous Deployments were put back");
            }
        }
        for (Deployment d : before) {
            if (!counts.containsKey(d.getMetadata().getName())) {
                deployments.withName(d.getMetadata().getName()).delete();
            }
        }
        return DeployResult.success();
    }

    /** Deletes every Deployment of the app: nothing of it runs any more. */
    void stopAll(String app) {
        for (Deployment d : current(app)) {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                    .delete();
        }
    }

    private void restore(String ns, List<Deployment> before, Map<String, Integer> counts) {
        var deployments = client.apps().deployments().inNamespace(ns);
        List<String> restored = new ArrayList<>();
        for (Deployment d : before) {
            ObjectMeta m = d.getMetadata();
            Deployment old = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                    .withNewMetadata().withName(m.getName()).withNamespace(ns).withLabels(m.getLabels())
                    .withAnnotations(m.getAnnotations()).endMetadata()
                    .withSpec(d.getSpec()).build();
            deployments.resource(old).createOr(NonDeletingOperation::update);
            restored.add(m.getName());
        }
        for (String type : counts.keySet()) {
            if (!restored.contains(type)) {
                deployments.withName(type).delete();
            }
        }
    }

    static int releaseOf(Deployment d) {
        String label = d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get(FerryLabels.RELEASE);
        try {
            return Integer.parseInt(Objects.requireNonNullElse(label, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
