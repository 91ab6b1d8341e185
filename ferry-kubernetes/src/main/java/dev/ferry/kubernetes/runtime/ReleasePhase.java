package dev.ferry.kubernetes.runtime;

import dev.ferry.core.runtime.DeployResult;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a release's {@code release} process type once, as a Job, and waits (by a watch) until it succeeds or fails;
 * nothing of the running Deployments is touched until it succeeded. A Job of the same release that already exists
 * (the reconciler applying a release again) is not run twice: its outcome counts.
 */
final class ReleasePhase {

    /** Beyond the Job's own deadline, for the controller to write its Failed condition. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final KubernetesRuntimeConfig config;
    private final ReleaseObjects objects;

    ReleasePhase(KubernetesClient client, KubernetesRuntimeConfig config, ReleaseObjects objects) {
        this.client = client;
        this.config = config;
        this.objects = objects;
    }

    DeployResult run(ReleasePlan plan, String command, Consumer<String> progress) {
        Job job = objects.releaseJob(plan, command);
        var jobs = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace());
        if (jobs.withName(plan.jobName()).get() == null) {
            jobs.resource(job).create();
        }
        progress.accept("Running release command: " + command + " (Job " + plan.jobName() + ")");
        AtomicReference<Job> last = new AtomicReference<>();
        try {
            jobs.withName(plan.jobName()).waitUntilCondition(j -> {
                last.set(j);
                return j == null || RolloutStatus.outcome(j).isPresent();
            }, config.releaseTimeout().plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            return DeployResult.failure("the release command of v" + plan.version() + " did not finish within "
                    + config.releaseTimeout().toSeconds() + " s");
        }
        if (last.get() == null) {
            return DeployResult.failure("the release command's Job " + plan.jobName() + " was deleted");
        }
        if (RolloutStatus.outcome(last.get()).orElse(false)) {
            return DeployResult.success();
        }
        return DeployResult.failure("the release command of v" + plan.version() + " failed: "
                + RolloutStatus.failure(last.get()));
    }
}
