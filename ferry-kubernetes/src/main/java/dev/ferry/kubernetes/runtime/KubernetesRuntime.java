package dev.ferry.kubernetes.runtime;

import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.kubernetes.endpoints.EndpointSliceRoutes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link AppRuntime} on Kubernetes (DESIGN §1 principle 5): Kubernetes schedules, restarts and rolls the pods;
 * Ferry says what should run. Per app a namespace ({@code <prefix><app>}); per release a Secret with {@code PORT}
 * and the config vars and one with its slug token ({@link SlugTokens}, renewed while it runs); the release phase as
 * a Job that must succeed before any Deployment changes; per process type a Deployment of the release's pods
 * ({@link ReleaseObjects}); a Service for {@code web}. {@link #apply} returns once every rollout is complete (ready
 * pods of the new template only) or undone. The ready pods of each web Service are registered in the route registry
 * by {@link EndpointSliceRoutes}, and the output of every instance pod followed into the app's log stream by
 * {@code PodLogFollower}, both of which this runtime starts and stops. Its instances' CPU and memory come from the
 * cluster's metrics API ({@link PodMetricsMeter}).
 *
 * <p>The client comes from the platform (in-cluster config or {@code KUBECONFIG}); tests pass the mock API server's.
 * Calls that change one app come one at a time (the reconciler's lane); {@link #close} leaves the cluster as it is.
 */
public final class KubernetesRuntime implements AppRuntime, InstanceMeter {

    private final KubernetesClient client;
    private final KubernetesRuntimeConfig config;
    private final SlugTokens tokens;
    private final ReleaseFacts facts;
    private final AppLogs logs;
    private final Clock clock;
    private final ReleaseObjects objects;
    private final StackImages images;
    private final ReleasePhase releasePhase;
    private final Rollouts rollouts;
    private final EndpointSliceRoutes endpoints;
    private final SlugTokenRenewal tokenRenewal;
    private final PodLogFollower podLogs;
    private final PodMetricsMeter meter;

    /**
     * Starts the EndpointSlice informer at once.
     *
     * @param hostsOfApp the route domains of an app's web pods ({@code <app>.<domain>} and custom domains)
     */
    public KubernetesRuntime(KubernetesClient client, KubernetesRuntimeConfig config, SlugTokens tokens,
                             ReleaseFacts facts, RouteRegistry routes, Function<AppName, List<String>> hostsOfApp,
                             AppLogs logs, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.objects = new ReleaseObjects(config);
        this.images = new StackImages(config);
        this.releasePhase = new ReleasePhase(client, config, objects);
        this.rollouts = new Rollouts(client, config, objects);
        this.tokenRenewal = new SlugTokenRenewal(client, config, tokens, objects, clock);
        this.podLogs = new PodLogFollower(client, config.namespacePrefix(), logs, clock);
        this.meter = new PodMetricsMeter(client, app -> config.namespaceOf(app.value()), app -> PodInstances.of(pods(app)),
                clock);
        this.endpoints = new EndpointSliceRoutes(client, config.namespacePrefix(), ReleaseObjects.WEB,
                ReleaseObjects.HTTP_PORT_NAME, routes, hostsOfApp, EndpointSliceRoutes.DEFAULT_TTL,
                EndpointSliceRoutes.DEFAULT_REFRESH);
    }

    /** The settings this runtime runs with. */
    public KubernetesRuntimeConfig config() {
        return config;
    }

    /** How apps are isolated, for the platform's banner. */
    public String isolation() {
        return "kubernetes: each app in namespace " + config.namespacePrefix() + "<app> on " + client.getMasterUrl();
    }

    @Override
    public DeployResult apply(DesiredState desired, Consumer<String> progress) {
        String app = desired.app().value();
        if (desired.release().isEmpty()) {
            tokenRenewal.forget(desired.app());
            rollouts.stopAll(app);
            return DeployResult.success();
        }
        Release release = desired.release().get();
        try {
            ReleasePlan plan = new ReleasePlan(release, facts.manifest(release),
                    images.imageFor(facts.buildpack(release)));
            client.namespaces().resource(objects.namespace(app)).createOr(NonDeletingOperation::update);
            var secrets = client.secrets().inNamespace(config.namespaceOf(app));
            secrets.resource(objects.envSecret(plan)).createOr(NonDeletingOperation::update);
            Optional<ReleasePlan> previous = tokenRenewal.renew(plan);
            int running = rollouts.current(app).stream().mapToInt(Rollouts::releaseOf).max().orElse(0);
            String releaseCommand = release.processTypes().get(DesiredState.RELEASE_PHASE);
            if (running != plan.version() && releaseCommand != null) {
                DeployResult phase = releasePhase.run(plan, releaseCommand, progress);
                if (!phase.succeeded()) {
                    tokenRenewal.putBack(desired.app(), previous);
                    event(desired.app(), "release phase of " + release.label() + " failed: " + phase.reason());
                    return phase;
                }
            }
            event(desired.app(), "rolling out " + release.label() + " on Kubernetes: " + desired.instanceCounts());
            DeployResult rolled = rollouts.roll(plan, desired.instanceCounts(), progress);
            event(desired.app(), rolled.succeeded() ? release.label() + " is rolled out" : rolled.reason());
            if (rolled.succeeded()) {
                deleteOtherReleasesSecrets(app, plan.version());
            } else {
                tokenRenewal.putBack(desired.app(), previous);
            }
            return rolled;
        } catch (IOException e) {
            return DeployResult.failure("cannot read the app.json of " + release.label() + ": " + e.getMessage());
        } catch (KubernetesClientException e) {
            return DeployResult.failure("the Kubernetes API refused the rollout of " + release.label() + ": "
                    + e.getMessage());
        }
    }

    @Override
    public ActualState actual(AppName app) {
        List<Deployment> deployments = rollouts.current(app.value());
        if (deployments.isEmpty()) {
            return ActualState.none(app);
        }
        int release = deployments.stream().mapToInt(Rollouts::releaseOf).max().orElse(0);
        return new ActualState(app, release, PodInstances.of(pods(app)).stream().map(PodInstances.Numbered::instance).toList());
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        List<PodInstances.Numbered> instances = PodInstances.of(pods(app));
        if (selector.isPresent() && selector.get().contains(".")) {
            return (int) instances.stream().filter(n -> n.instance().name().equals(selector.get()))
                    .peek(n -> podOf(n).delete()).count();
        }
        String now = clock.instant().toString();
        int restarted = 0;
        for (Deployment d : rollouts.current(app.value())) {
            String type = d.getMetadata().getName();
            if (selector.isEmpty() || selector.get().equals(type)) {
                client.apps().deployments().inNamespace(config.namespaceOf(app.value())).withName(type)
                        .edit(x -> new DeploymentBuilder(x).editSpec().editTemplate()
                                .editMetadata().addToAnnotations(FerryLabels.RESTARTED_AT, now).endMetadata()
                                .endTemplate().endSpec().build());
                restarted += (int) instances.stream().filter(n -> n.instance().type().equals(type)).count();
            }
        }
        return restarted;
    }

    @Override
    public int stop(AppName app, String selector) {
        String ns = config.namespaceOf(app.value());
        List<PodInstances.Numbered> instances = PodInstances.of(pods(app));
        if (selector.contains(".")) {
            Optional<PodInstances.Numbered> one = instances.stream()
                    .filter(n -> n.instance().name().equals(selector)).findFirst();
            one.ifPresent(n -> {
                // The one a scale-down removes first: this instance, not any other of its type.
                podOf(n).edit(p -> new PodBuilder(p).editMetadata().addToAnnotations(FerryLabels.DELETION_COST, "-1000")
                        .endMetadata().build());
                client.apps().deployments().inNamespace(ns).withName(n.instance().type())
                        .edit(d -> { d.getSpec().setReplicas(Math.max(0, d.getSpec().getReplicas() - 1)); return d; });
            });
            return one.isPresent() ? 1 : 0;
        }
        var deployment = client.apps().deployments().inNamespace(ns).withName(selector);
        if (deployment.get() == null) {
            return 0;
        }
        deployment.scale(0);
        return (int) instances.stream().filter(n -> n.instance().type().equals(selector)).count();
    }

    @Override
    public void destroy(AppName app) {
        tokenRenewal.forget(app);
        client.namespaces().withName(config.namespaceOf(app.value())).delete();
        endpoints.forget(app);
    }

    @Override
    public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
        try {
            ReleasePlan plan = new ReleasePlan(release, facts.manifest(release), images.imageFor(facts.buildpack(release)));
            String ns = config.namespaceOf(plan.app());
            String name = "run-" + UUID.randomUUID().toString().substring(0, 8);
            var main = new PodTemplates(config).process(plan, "run", command);
            extraEnv.forEach((k, v) -> main.addNewEnv().withName(k).withValue(v).endEnv());
            Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                    .withLabels(FerryLabels.ofRelease(plan.app(), "run", plan.version())).endMetadata()
                    .withSpec(new PodTemplates(config).spec(plan, main.build(), "Never")).build();
            client.secrets().inNamespace(ns).resource(objects.tokenSecret(plan, tokens.issue(release.app(),
                    plan.version(), clock.instant().plus(config.slugTokenLifetime())))).createOr(NonDeletingOperation::update);
            event(release.app(), "starting " + name + " of " + release.label() + ": " + command);
            return new KubernetesOneOffProcess(name, client, client.pods().inNamespace(ns).resource(pod).create(), "run");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the app.json of " + release.label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} on pipes as {@link #run} does; a terminal or a detached run is refused, which the API
     * answers as bad input with this sentence.
     */
    @Override
    public OneOffProcess start(Release release, OneOffCommand command) {
        if (command.terminal().isPresent()) {
            throw new UnsupportedOperationException("the Kubernetes runtime gives one-off processes no terminal yet:"
                    + " use ferry run --no-tty");
        }
        if (command.detached()) {
            throw new UnsupportedOperationException("the Kubernetes runtime does not run detached processes yet");
        }
        return run(release, command.line(), command.env());
    }

    @Override
    public void close() {
        tokenRenewal.close();
        podLogs.close();
        endpoints.close();
    }

    /** The endpoints registered for the app's ready web pods. */
    public Set<Endpoint> registeredEndpoints(AppName app) {
        return endpoints.registered(app);
    }

    /** The app's pods' CPU and memory from the cluster's metrics API ({@link PodMetricsMeter}). */
    @Override
    public Map<String, InstanceUsage> measure(AppName app) {
        return meter.measure(app);
    }

    private List<Pod> pods(AppName app) {
        return client.pods().inNamespace(config.namespaceOf(app.value()))
                .withLabel(FerryLabels.MANAGED_BY, FerryLabels.FERRY).list().getItems();
    }

    private PodResource podOf(PodInstances.Numbered n) {
        return client.pods().inNamespace(n.pod().getMetadata().getNamespace()).withName(n.pod().getMetadata().getName());
    }

    private void deleteOtherReleasesSecrets(String app, int keep) {
        client.secrets().inNamespace(config.namespaceOf(app)).withLabel(FerryLabels.APP, app).list().getItems().stream()
                .filter(s -> !Integer.toString(keep).equals(s.getMetadata().getLabels().get(FerryLabels.RELEASE)))
                .forEach(s -> client.secrets().inNamespace(s.getMetadata().getNamespace())
                        .withName(s.getMetadata().getName()).delete());
    }

    private void event(AppName app, String text) {
        try {
            logs.append(new LogLine(Instant.now(clock), app, LogLine.FERRY, "runtime", text));
        } catch (RuntimeException e) {
            // the log store failing never stops a deploy
        }
    }

}
