package dev.ferry.kubernetes.runtime;

import dev.ferry.core.runtime.OneOffProcess;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A one-off process ({@code ferry run}) as a pod of its own: its output is the pod's log, followed from the moment
 * the pod starts; its exit code is its container's, read from the pod's status when it ends. It has no standard
 * input (what is written is dropped). Closing it deletes the pod.
 */
final class KubernetesOneOffProcess implements OneOffProcess {

    private final String name;
    private final PodResource pod;
    private final String container;
    private volatile LogWatch logs;

    KubernetesOneOffProcess(String name, KubernetesClient client, Pod created, String container) {
        this.name = name;
        this.pod = client.pods().inNamespace(created.getMetadata().getNamespace()).withName(created.getMetadata().getName());
        this.container = container;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized InputStream output() {
        if (logs == null) {
            pod.waitUntilCondition(p -> p == null || started(p), 10, TimeUnit.MINUTES);
            logs = pod.inContainer(container).watchLog();
        }
        return logs.getOutput();
    }

    @Override
    public OutputStream input() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        Pod ended = pod.waitUntilCondition(p -> p == null || exitCode(p).isPresent(), Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        return ended == null ? 137 : exitCode(ended).orElse(137);
    }

    @Override
    public void close() {
        try {
            if (logs != null) {
                logs.close();
            }
            pod.delete();
        } catch (RuntimeException e) {
            // the pod is gone already, or the API is: nothing more to do
        }
    }

    private static boolean started(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private Optional<Integer> exitCode(Pod p) {
        if (p.getStatus() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> statuses = Optional.ofNullable(p.getStatus().getContainerStatuses()).orElse(List.of());
        return statuses.stream().filter(s -> container.equals(s.getName()))
                .map(s -> s.getState() == null ? null : s.getState().getTerminated()).filter(t -> t != null)
                .map(t -> t.getExitCode()).findFirst();
    }
}
