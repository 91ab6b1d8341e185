package dev.ferry.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.manifest.AppHealthCheck;
import dev.ferry.core.manifest.AppManifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The objects made for a release say what the runtime promises: names, labels, rollout, probes, slug and env. */
class ReleaseObjectsTest {

    private final KubernetesRuntimeConfig config = KubernetesRuntimeConfig.defaults("http://ferry-control.ferry:7070");
    private final ReleaseObjects objects = new ReleaseObjects(config);
    private final ReleasePlan plan = new ReleasePlan(Releases.of(3, Map.of("web", "node server.js",
            "worker", "node worker.js", "release", "node migrate.js"), Map.of("GREETING", "hi")), AppManifest.NONE,
            "node:20-bookworm-slim");

    @Test
    void putsEachAppInItsOwnLabelledNamespace() {
        var ns = objects.namespace("hello");

        assertThat(ns.getMetadata().getName()).isEqualTo("ferry-hello");
        assertThat(ns.getMetadata().getLabels()).containsEntry("ferry.dev/app", "hello")
                .containsEntry("app.kubernetes.io/managed-by", "ferry");
        assertThat(new ReleaseObjects(config.withNamespacePrefix("apps-")).namespace("hello").getMetadata().getName())
                .isEqualTo("apps-hello");
    }

    @Test
    void keepsPortAndConfigVarsInTheReleasesSecretAndTheTokenApart() {
        Secret env = objects.envSecret(plan);
        Secret token = objects.tokenSecret(plan, "the-token");

        assertThat(env.getMetadata().getName()).isEqualTo("release-v3");
        assertThat(env.getMetadata().getNamespace()).isEqualTo("ferry-hello");
        assertThat(decode(env.getData())).containsExactlyInAnyOrderEntriesOf(Map.of("PORT", "5000", "GREETING", "hi"));
        assertThat(token.getMetadata().getName()).isEqualTo("slug-v3");
        assertThat(decode(token.getData())).containsExactly(Map.entry("token", "the-token"));
    }

    @Test
    void rollsAProcessTypeOutWithoutEverHavingFewerReadyPods() {
        Deployment web = objects.deployment(plan, "web", 2);

        assertThat(web.getMetadata().getName()).isEqualTo("web");
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(web.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(web.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(web.getSpec().getSelector().getMatchLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ferry.dev/app", "hello", "ferry.dev/process-type", "web"));
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("ferry.dev/release", "3")
                .containsEntry("ferry.dev/process-type", "web").containsEntry("ferry.dev/app", "hello");
        PodSpec pod = web.getSpec().getTemplate().getSpec();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getInitContainers().get(0).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        Container main = pod.getContainers().get(0);
        assertThat(main.getImage()).isEqualTo("node:20-bookworm-slim");
        assertThat(main.getCommand()).containsExactly("/bin/sh", "-c", "node server.js");
        assertThat(main.getWorkingDir()).isEqualTo("/app");
        assertThat(main.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("release-v3");
        assertThat(main.getPorts().get(0).getContainerPort()).isEqualTo(5000);
        assertThat(main.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(5000);
        assertThat(main.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("/bin/sh", "-c", "sleep 10");
    }

    @Test
    void fetchesTheSlugIntoAppWithTheReleasesTokenFromItsSecret() {
        PodSpec pod = objects.deployment(plan, "worker", 1).getSpec().getTemplate().getSpec();

        Container fetch = pod.getInitContainers().get(0);
        assertThat(fetch.getImage()).isEqualTo("busybox:1.37");
        assertThat(fetch.getCommand().get(2)).contains("wget").contains("tar -xzf - -C /app");
        assertThat(fetch.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FERRY_SLUG_URL");
            assertThat(e.getValue()).isEqualTo("http://ferry-control.ferry:7070/slugs/hello/v3");
        });
        assertThat(fetch.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FERRY_SLUG_TOKEN");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("slug-v3");
        });
        assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(fetch.getVolumeMounts().get(0).getMountPath()).isEqualTo("/app");
        assertThat(pod.getContainers().get(0).getVolumeMounts().get(0).getMountPath()).isEqualTo("/app");
        assertThat(pod.getContainers().get(0).getReadinessProbe()).as("only web gets traffic").isNull();
    }

    @Test
    void probesReadinessAsTheAppJsonHealthCheckSays() {
        AppHealthCheck check = new AppHealthCheck(AppHealthCheck.Type.READINESS, Optional.of("/health"),
                Optional.empty(), 5, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ZERO,
                Optional.empty());
        AppManifest manifest = new AppManifest(List.of(), Map.of("web", List.of(check)), Map.of(), Optional.empty(),
                Optional.empty());
        ReleasePlan withChecks = new ReleasePlan(plan.release(), manifest, plan.stackImage());

        var probe = objects.deployment(withChecks, "web", 1).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe();

        assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(5000);
        assertThat(probe.getFailureThreshold()).isEqualTo(5);
        assertThat(probe.getTimeoutSeconds()).isEqualTo(2);
        assertThat(probe.getPeriodSeconds()).isEqualTo(3);
        assertThat(probe.getInitialDelaySeconds()).isEqualTo(4);
    }

    @Test
    void givesAProcessTypeTheResourcesOfItsFormationSize() {
        AppManifest manifest = new AppManifest(List.of(), Map.of(), Map.of(
                "web", new dev.ferry.core.manifest.ProcessFormation(1, Optional.of("standard-2X")),
                "worker", new dev.ferry.core.manifest.ProcessFormation(1, Optional.of("galactic"))),
                Optional.empty(), Optional.empty());
        ReleasePlan sized = new ReleasePlan(plan.release(), manifest, plan.stackImage());

        var web = objects.deployment(sized, "web", 1).getSpec().getTemplate().getSpec().getContainers().get(0);
        var worker = objects.deployment(sized, "worker", 1).getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(web.getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");
        assertThat(web.getResources().getRequests().get("cpu").toString()).isEqualTo("1");
        assertThat(web.getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(worker.getResources()).as("an unknown size sets nothing").isNull();
        assertThat(objects.deployment(plan, "web", 1).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources()).isNull();
    }

    @Test
    void runsTheReleasePhaseOnceAsAJob() {
        Job job = objects.releaseJob(plan, "node migrate.js");

        assertThat(job.getMetadata().getName()).isEqualTo("release-v3");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "node migrate.js");
    }

    @Test
    void putsAServiceInFrontOfTheWebPods() {
        Service web = objects.webService("hello");

        assertThat(web.getMetadata().getName()).isEqualTo("web");
        assertThat(web.getSpec().getSelector()).containsEntry("ferry.dev/process-type", "web");
        assertThat(web.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        assertThat(web.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void picksTheStackImageByBuildpack() {
        StackImages images = new StackImages(config.withStackImages(Map.of("node", "node:22-bookworm-slim")));

        assertThat(images.imageFor(Optional.of("Node.js"))).isEqualTo("node:22-bookworm-slim");
        assertThat(images.imageFor(Optional.of("Java (Maven)"))).isEqualTo("eclipse-temurin:21-jre");
        assertThat(images.imageFor(Optional.of("Static site"))).isEqualTo("python:3.12-slim-bookworm");
        assertThat(images.imageFor(Optional.of("Cobol"))).isEqualTo("debian:bookworm-slim");
        assertThat(images.imageFor(Optional.empty())).isEqualTo("debian:bookworm-slim");
    }

    private static Map<String, String> decode(Map<String, String> data) {
        Map<String, String> out = new java.util.HashMap<>();
        data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }
}
