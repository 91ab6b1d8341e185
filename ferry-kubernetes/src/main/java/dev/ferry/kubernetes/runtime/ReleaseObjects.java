package dev.ferry.kubernetes.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes objects of one app and release, made here and nowhere else: the app's namespace
 * ({@code <prefix><app>}), the release's Secrets (its env: {@code PORT} and the config vars; its slug token), the
 * release phase's Job, one Deployment per process type and the {@value #WEB} Service. Pure: it builds objects and
 * sends nothing.
 */
final class ReleaseObjects {

    static final String WEB = "web";
    static final String HTTP_PORT_NAME = "http";

    private final KubernetesRuntimeConfig config;
    private final PodTemplates pods;

    ReleaseObjects(KubernetesRuntimeConfig config) {
        this.config = config;
        this.pods = new PodTemplates(config);
    }

    Namespace namespace(String app) {
        return new NamespaceBuilder().withNewMetadata().withName(config.namespaceOf(app))
                .withLabels(FerryLabels.ofApp(app)).endMetadata().build();
    }

    /** {@code PORT} and the release's config vars, as {@code data} (base64), which every API server reads alike. */
    Secret envSecret(ReleasePlan plan) {
        Map<String, String> env = new LinkedHashMap<>(plan.release().config().asMap());
        env.put("PORT", Integer.toString(config.containerPort()));
        return secret(plan, plan.envSecretName(), env);
    }

    /** The slug token of the release, for its init containers. */
    Secret tokenSecret(ReleasePlan plan, String token) {
        return secret(plan, plan.tokenSecretName(), Map.of(PodTemplates.TOKEN_KEY, token));
    }

    /** The release phase: runs once, never retried ({@code backoffLimit} 0), within the release timeout. */
    Job releaseJob(ReleasePlan plan, String command) {
        Map<String, String> labels = FerryLabels.ofRelease(plan.app(), "release", plan.version());
        Container main = pods.process(plan, "release", command).build();
        return new JobBuilder()
                .withNewMetadata().withName(plan.jobName()).withNamespace(config.namespaceOf(plan.app()))
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(config.releaseTimeout().toSeconds())
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(pods.spec(plan, main, "Never")).endTemplate()
                .endSpec().build();
    }

    /**
     * The Deployment of one process type: {@code replicas} pods of the release, replaced one at a time with never
     * fewer ready than wanted (RollingUpdate, maxUnavailable 0, maxSurge 1). A web container gets its port, a
     * readiness probe and a preStop sleep, so that routers deregister a stopping pod before it stops accepting; the
     * resources of the type's app.json formation size ({@link DynoSizes}).
     */
    Deployment deployment(ReleasePlan plan, String type, int replicas) {
        String command = plan.release().processTypes().get(type);
        var container = pods.process(plan, type, command);
        if (type.equals(WEB)) {
            var checks = plan.manifest().checksOf(type);
            container.addNewPort().withName(HTTP_PORT_NAME).withContainerPort(config.containerPort()).endPort()
                    .withReadinessProbe(ReadinessProbes.readiness(checks, config.containerPort()))
                    .withLivenessProbe(ReadinessProbes.liveness(checks, config.containerPort()));
        }
        var formation = plan.manifest().formation().get(type);
        DynoSizes.of(formation == null ? java.util.Optional.empty() : formation.size()).ifPresent(container::withResources);
        if (!config.preStopSleep().isZero()) {
            container.withNewLifecycle().withNewPreStop().withNewExec()
                    .withCommand("/bin/sh", "-c", "sleep " + config.preStopSleep().toSeconds())
                    .endExec().endPreStop().endLifecycle();
        }
        Map<String, String> labels = FerryLabels.ofRelease(plan.app(), type, plan.version());
        return new DeploymentBuilder()
                .withNewMetadata().withName(type).withNamespace(config.namespaceOf(plan.app())).withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(FerryLabels.selectorOf(plan.app(), type)).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(pods.spec(plan, container.build(), "Always")).endTemplate()
                .endSpec().build();
    }

    /** The Service in front of the web pods, on port 80 to their {@code PORT}. */
    Service webService(String app) {
        return new ServiceBuilder()
                .withNewMetadata().withName(WEB).withNamespace(config.namespaceOf(app)).withLabels(FerryLabels.ofApp(app))
                .endMetadata()
                .withNewSpec().withSelector(FerryLabels.selectorOf(app, WEB))
                .addNewPort().withName(HTTP_PORT_NAME).withPort(80).withTargetPort(new IntOrString(HTTP_PORT_NAME))
                .endPort().endSpec().build();
    }

    private Secret secret(ReleasePlan plan, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        Map<String, String> labels = new LinkedHashMap<>(FerryLabels.ofApp(plan.app()));
        labels.put(FerryLabels.RELEASE, Integer.toString(plan.version()));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(config.namespaceOf(plan.app()))
                .withLabels(labels).endMetadata().withType("Opaque").withData(data).build();
    }
}
