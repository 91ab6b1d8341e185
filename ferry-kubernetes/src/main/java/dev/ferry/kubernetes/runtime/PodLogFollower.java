package dev.ferry.kubernetes.runtime;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the output of every running instance pod of Ferry's apps into the app's log stream ({@code ferry logs}),
 * as source {@code app} and process {@code <type>.<pod suffix>} (pod {@code web-5d8f-x2kq} writes as
 * {@code web.5d8f-x2kq}, so {@code ferry logs -p web} finds it). An informer on the pods labelled
 * {@code app.kubernetes.io/managed-by=ferry} starts one follower per pod and container start (a restarted container
 * is followed again) and stops it when the pod goes.
 */
final class PodLogFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodLogFollower.class);

    private final KubernetesClient client;
    private final String namespacePrefix;
    private final AppLogs logs;
    private final Clock clock;
    private final SharedIndexInformer<Pod> informer;
    /** Per pod uid: the container start being followed and its log watch. */
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    PodLogFollower(KubernetesClient client, String namespacePrefix, AppLogs logs, Clock clock) {
        this.client = client;
        this.namespacePrefix = namespacePrefix;
        this.logs = logs;
        this.clock = clock;
        this.informer = client.pods().inAnyNamespace().withLabel(FerryLabels.MANAGED_BY, FerryLabels.FERRY)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        follow(pod);
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                        follow(after);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknownFinalState) {
                        Optional.ofNullable(followed.remove(pod.getMetadata().getUid())).ifPresent(Followed::close);
                    }
                });
    }

    private void follow(Pod pod) {
        String type = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(FerryLabels.PROCESS_TYPE))
                .orElse(null);
        String ns = pod.getMetadata().getNamespace();
        if (type == null || type.equals("run") || ns == null || !ns.startsWith(namespacePrefix)
                || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return;
        }
        String app = ns.substring(namespacePrefix.length());
        if (!AppName.isValid(app)) {
            return;
        }
        int start = pod.getStatus().getContainerStatuses() == null ? 0 : pod.getStatus().getContainerStatuses().stream()
                .filter(s -> type.equals(s.getName())).mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .findFirst().orElse(0);
        String uid = pod.getMetadata().getUid() == null ? pod.getMetadata().getName() : pod.getMetadata().getUid();
        Followed before = followed.get(uid);
        if (before != null && before.start() >= start) {
            return;
        }
        String name = pod.getMetadata().getName();
        String process = type + "." + (name.startsWith(type + "-") ? name.substring(type.length() + 1) : name);
        LogWatch watch;
        try {
            watch = client.pods().inNamespace(ns).withName(name).inContainer(type).watchLog();
        } catch (RuntimeException e) {
            log.debug("cannot follow the log of pod {} in {}: {}", name, ns, e.toString());
            return;
        }
        Followed now = new Followed(start, watch);
        Optional.ofNullable(followed.put(uid, now)).ifPresent(Followed::close);
        Thread.ofVirtual().name("ferry-pod-log-" + name).start(() -> pump(AppName.of(app), process, watch));
    }

    private void pump(AppName app, String process, LogWatch watch) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                logs.append(new LogLine(clock.instant(), app, LogLine.APP, process, line));
            }
        } catch (IOException | RuntimeException e) {
            // the pod or its container went: a new start is followed again
        }
    }

    @Override
    public void close() {
        informer.close();
        followed.values().forEach(Followed::close);
        followed.clear();
    }

    private record Followed(int start, LogWatch watch) {
        void close() {
            try {
                watch.close();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}
