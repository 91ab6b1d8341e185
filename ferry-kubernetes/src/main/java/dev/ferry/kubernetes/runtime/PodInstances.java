package dev.ferry.kubernetes.runtime;

import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's pods as {@code ferry ps} shows instances: numbered per process type by age ({@code web.1} the oldest),
 * {@code up} when ready, {@code stopping} once deleted, {@code crashed} when a container waits to be restarted or
 * ended, else {@code starting}; with their release label and restart count. Pods of one-off runs and of the release
 * phase are not instances.
 */
final class PodInstances {

    private PodInstances() {
    }

    /** The pods of process types in {@code pods}, as instances, each with the pod it came from. */
    static List<Numbered> of(List<Pod> pods) {
        List<Pod> sorted = new ArrayList<>(pods.stream().filter(PodInstances::isInstance).toList());
        sorted.sort(Comparator.comparing((Pod p) -> type(p))
                .thenComparing(p -> Optional.ofNullable(p.getMetadata().getCreationTimestamp()).orElse(""))
                .thenComparing(p -> p.getMetadata().getName()));
        Map<String, Integer> numbers = new HashMap<>();
        List<Numbered> out = new ArrayList<>();
        for (Pod p : sorted) {
            String type = type(p);
            int n = numbers.merge(type, 1, Integer::sum);
            out.add(new Numbered(p, new Instance(type + "." + n, type, state(p), release(p), 0, 0, since(p),
                    restarts(p))));
        }
        return out;
    }

    /** An instance and its pod. */
    record Numbered(Pod pod, Instance instance) {
    }

    private static boolean isInstance(Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels();
        return labels != null && labels.containsKey(FerryLabels.PROCESS_TYPE)
                && !labels.get(FerryLabels.PROCESS_TYPE).equals("release")
                && !labels.get(FerryLabels.PROCESS_TYPE).equals("run");
    }

    private static String type(Pod p) {
        return p.getMetadata().getLabels().get(FerryLabels.PROCESS_TYPE);
    }

    static InstanceState state(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return InstanceState.STOPPING;
        }
        if (p.getStatus() == null) {
            return InstanceState.STARTING;
        }
        List<ContainerStatus> statuses = Optional.ofNullable(p.getStatus().getContainerStatuses()).orElse(List.of());
        boolean crashed = statuses.stream().anyMatch(s -> s.getState() != null && (s.getState().getTerminated() != null
                || (s.getState().getWaiting() != null && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason()))));
        if (crashed || "Failed".equals(p.getStatus().getPhase())) {
            return InstanceState.CRASHED;
        }
        List<PodCondition> conditions = Optional.ofNullable(p.getStatus().getConditions()).orElse(List.of());
        boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready && "Running".equals(p.getStatus().getPhase()) ? InstanceState.UP : InstanceState.STARTING;
    }

    private static int release(Pod p) {
        try {
            return Integer.parseInt(p.getMetadata().getLabels().getOrDefault(FerryLabels.RELEASE, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int restarts(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return p.getStatus().getContainerStatuses().stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }

    private static Instant since(Pod p) {
        String at = p.getStatus() != null && p.getStatus().getStartTime() != null ? p.getStatus().getStartTime()
                : p.getMetadata().getCreationTimestamp();
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
