package dev.ferry.server.runtime;

import dev.ferry.control.reconcile.Deployments;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.kubernetes.KubernetesWiring;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of apps' instances (local processes, or Kubernetes with {@code --runtime kubernetes}) and the
 * {@link Deployments} over it: the {@link Reconciler}, which converges the runtime to the store's desired state, or,
 * with no runtime, deployments that only record releases. Part of {@code Platform}'s start; the runtime is pushed on
 * the platform's stop list as it starts.
 */
public final class DeploymentsWiring {

    private static final Logger log = LoggerFactory.getLogger(DeploymentsWiring.class);

    /** The runtime, when one runs, and the deployments over it. */
    public record Started(Optional<RuntimeWiring.Started> runtime, Deployments deployments) {
    }

    private DeploymentsWiring() {
    }

    /**
     * Starts the runtime (which kills what a previous run left) and makes the deployments over it.
     *
     * @param reconciler the reconciler over a runtime (on a store several nodes share, the fleet's, which leads by
     *                   lease)
     */
    public static Started start(FerryConfig config, Store store, RuntimeWiring.Inputs inputs,
                                Function<AppRuntime, Deployments> reconciler, Deque<AutoCloseable> started) {
        Optional<RuntimeWiring.Started> runtime = KubernetesWiring.startOrLocal(config, store, inputs);
        runtime.ifPresentOrElse(r -> {
            started.push(r.runtime());
            if (!r.sandboxed()) {
                log.warn("apps and their builds run without a sandbox: {}", r.isolation());
            }
        }, () -> log.warn("no runtime: releases are recorded but no instance runs"));
        Deployments deployments = runtime.map(r -> reconciler.apply(r.runtime()))
                .orElseGet(() -> Deployments.withoutRuntime(store));
        return new Started(runtime, deployments);
    }
}
