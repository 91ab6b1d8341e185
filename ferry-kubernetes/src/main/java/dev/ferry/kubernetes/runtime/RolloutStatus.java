package dev.ferry.kubernetes.runtime;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Optional;

/**
 * Reads the status Kubernetes' controllers (or a test's stand-in for them) write: whether a Deployment's rollout is
 * complete, by the rule of {@code kubectl rollout status} (the controller has seen the latest spec, every wanted
 * replica runs the new template and is available, and no old one is left), and how a Job ended.
 */
final class RolloutStatus {

    private RolloutStatus() {
    }

    /** True when every replica of the Deployment's current template is available and no other remains. */
    static boolean complete(Deployment d) {
        if (d == null) {
            return false;
        }
        int wanted = orZero(d.getSpec().getReplicas());
        DeploymentStatus s = d.getStatus();
        if (s == null) {
            return wanted == 0;
        }
        Long generation = d.getMetadata().getGeneration();
        if (generation != null && (s.getObservedGeneration() == null || s.getObservedGeneration() < generation)) {
            return false;
        }
        int updated = orZero(s.getUpdatedReplicas());
        return updated >= wanted && orZero(s.getReplicas()) <= updated && orZero(s.getAvailableReplicas()) >= wanted
                && orZero(s.getReadyReplicas()) >= wanted;
    }

    /** How a Job ended: empty while it runs, else true when it succeeded. */
    static Optional<Boolean> outcome(Job job) {
        if (job == null || job.getStatus() == null) {
            return Optional.empty();
        }
        if (orZero(job.getStatus().getSucceeded()) > 0) {
            return Optional.of(true);
        }
        if (orZero(job.getStatus().getFailed()) > 0 || hasCondition(job, "Failed")) {
            return Optional.of(false);
        }
        return hasCondition(job, "Complete") ? Optional.of(true) : Optional.empty();
    }

    /** The message of the Job's Failed condition, or a default sentence. */
    static String failure(Job job) {
        if (job != null && job.getStatus() != null && job.getStatus().getConditions() != null) {
            for (JobCondition c : job.getStatus().getConditions()) {
                if ("Failed".equals(c.getType()) && c.getMessage() != null) {
                    return c.getMessage();
                }
            }
        }
        return "its pod failed";
    }

    private static boolean hasCondition(Job job, String type) {
        return job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
