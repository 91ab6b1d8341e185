package dev.ferry.server;

import dev.ferry.build.BuildDataCleanup;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.control.ControlConfig;
import dev.ferry.control.ControlServer;
import dev.ferry.control.auth.AdminToken;
import dev.ferry.control.builds.BuildsApi;
import dev.ferry.control.certs.CertificatesApi;
import dev.ferry.control.logs.LogsApi;
import dev.ferry.core.log.AppLogs;
import dev.ferry.control.tunnel.RegisteredGateways;
import dev.ferry.control.tunnel.TunnelApi;
import dev.ferry.control.tunnel.TunnelGatewaysApi;
import dev.ferry.control.tunnel.TunnelGrantsApi;
import dev.ferry.control.usage.UsageApi;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.OpenSessions;
import dev.ferry.server.addons.AddonWiring;
import dev.ferry.server.autoscale.AutoscaleWiring;
import dev.ferry.server.access.AccessEventLog;
import dev.ferry.control.ControlApi;
import dev.ferry.control.ps.ProcessesApi;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.control.reconcile.Reconciler;
import dev.ferry.build.slug.SlugStore;
import dev.ferry.server.runtime.DeploymentsWiring;
import dev.ferry.server.fleet.FleetWiring;
import dev.ferry.server.runtime.RenamedAppHosts;
import dev.ferry.server.runtime.RuntimeWiring;
import dev.ferry.server.tls.AcmeWiring;
import dev.ferry.server.tls.StoreTlsSource;
import dev.ferry.server.tls.TlsPublishWiring;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.Store;
import dev.ferry.router.Router;
import dev.ferry.router.Transport;
import dev.ferry.router.log.QueuedAccessLog;
import dev.ferry.router.log.Slf4jAccessLog;
import dev.ferry.runtime.logs.DiskAppLogs;
import dev.ferry.runtime.logs.drain.DrainAddressPolicy;
import dev.ferry.runtime.logs.drain.DrainConfig;
import dev.ferry.runtime.logs.drain.LogDrains;
import dev.ferry.server.build.GitWiring;
import dev.ferry.server.dashboard.DashboardWiring;
import dev.ferry.server.router.RouterWiring;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.logs.AppAccessLog;
import dev.ferry.server.logs.AppLogData;
import dev.ferry.server.logs.AppOfHost;
import dev.ferry.server.usage.UsageRecorder;
import dev.ferry.server.usage.UsageSinks;
import dev.ferry.server.tunnel.EndpointsOfSeparateGateways;
import dev.ferry.server.tunnel.GatewayDirectoryOfPlatform;
import dev.ferry.server.tunnel.GatewayWiring;
import dev.ferry.tunnel.gateway.TunnelGateway;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code ferry up} (every role of Ferry in one process) and of {@code ferry control}
 * ({@link #startControl}: every role but the router), wired with plain constructors.
 *
 * <p>Start order follows the flow of DESIGN §1: the route registry (journaled in the data dir, or Redis with
 * {@code --registry}; {@link RegistryWiring}), the router's live view of it (serving its persisted snapshot first), the HTTP router and TCP routes, then
 * the store (SQLite in the data dir, or PostgreSQL with {@code --store}; the first start creates the admin and its token file) and the
 * runtime of apps' instances (local processes; at start it brings back every app's current release) and the
 * control API over them, with git over HTTP at {@code /git/<app>.git} in the same server and git over SSH on its own
 * port (pushes to {@code main}/{@code master} are queued and built in {@code <data-dir>/builds/} into slugs in
 * {@code <data-dir>/slugs/}, their output kept in {@code <data-dir>/build-logs/}). {@link #close()} stops them in
 * reverse order: the router stops accepting and lets requests in flight finish, then the API, so nothing changes
 * while the runtime deregisters, drains and stops the instances, then the rest.
 *
 * <p>Access: every long-lived session (tunnel, log stream, {@code run}, git over SSH or HTTP) registers in one
 * {@link OpenSessions}, which the API tells of each revoked token, removed collaborator and destroyed app, so those
 * sessions end at once; one {@link AuthFailureLimiter} counts failed authentications per client address for every
 * way in (docs/security.md).
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    private final FerryConfig config;
    private final PlatformTuning tuning;
    /** False for {@code ferry control}: no router in this process, the fleet's routers serve the apps. */
    private final boolean withRouter;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private DataDirectory dataDirectory;
    private RouteRegistry registry;
    private Router router;
    private ControlServer control;
    /** Read by the router log's custom-domain lookups on their own thread, set once at start. */
    private volatile Store store;
    private AdminToken adminToken;
    private Transport transport;
    private GitWiring git;
    private DiskAppLogs appLogs;
    private RenamedAppHosts renamedAppHosts;
    private LogDrains drains;
    private TunnelGateway gateway;
    /** The {@code ferry gateway} processes registered through the control API (docs/decisions/011-tunnels.md). */
    private final RegisteredGateways separateGateways = new RegisteredGateways();
    private Optional<RuntimeWiring.Started> runtime = Optional.empty();
    /** Every long-lived session (tunnels, log streams, run, git), closed when the access it was opened with goes. */
    private final OpenSessions sessions;
    /** Failed authentications per client address, shared by the API, git over HTTP and SSH, and the tunnel gateway. */
    private final AuthFailureLimiter authFailures;
    private Deployments deployments;
    private CompletableFuture<Void> resumed = CompletableFuture.completedFuture(null);
    private StoreTlsSource tls;
    private UsageRecorder usage;
    private AddonWiring addons;
    private AutoscaleWiring autoscale;
    private final DashboardWiring dashboard;
    private FleetWiring fleet;

    private Platform(FerryConfig config, PlatformTuning tuning, boolean withRouter) {
        this.config = config;
        this.tuning = tuning;
        this.withRouter = withRouter;
        this.dashboard = new DashboardWiring(tuning.autoscale().latencySlot(), config.domain());
        AccessEventLog accessEvents = new AccessEventLog();
        this.sessions = new OpenSessions(accessEvents);
        this.authFailures = new AuthFailureLimiter(config.authFailureLimits(), accessEvents);
    }

    /** Starts every role with the default tuning; on failure, stops what had started and rethrows. */
    public static Platform start(FerryConfig config) throws Exception {
        return start(config, PlatformTuning.DEFAULT);
    }

    /** Starts every role; on failure, stops what had started and rethrows. */
    public static Platform start(FerryConfig config, PlatformTuning tuning) throws Exception {
        return start(config, tuning, true);
    }

    /**
     * Starts the control role alone ({@code ferry control}): API, git, builds, reconciler and the local runtime, on
     * the store and registry of {@code config}, without a router; on failure, stops what had started and rethrows.
     */
    public static Platform startControl(FerryConfig config, PlatformTuning tuning) throws Exception {
        return start(config, tuning, false);
    }

    private static Platform start(FerryConfig config, PlatformTuning tuning, boolean withRouter) throws Exception {
        Platform p = new Platform(config, tuning, withRouter);
        try {
            p.startAll();
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        var slugBucket = FleetWiring.openSlugBucket(config.store(), started); // refused before anything is written
        started.push(dataDirectory = DataDirectory.lock(config.dataDir()));
        PrometheusMeterRegistry meters = PlatformMeters.create();
        started.push(meters::close);

        started.push(registry = RegistryWiring.open(config, dataDirectory));

        transport = Transport.detect();
        EventLoopGroup group = transport.newGroup(0, "ferry-io");
        started.push(() -> group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly());

        // The app log stream: instances' output, router lines and platform events (docs/decisions/010-logs.md).
        started.push(appLogs = DiskAppLogs.open(dataDirectory.logs()));
        AppOfHost appOfHost = new AppOfHost(config.domain(),
                host -> store == null ? Optional.empty() : store.domain(host).map(AppDomain::app));
        UsageSinks usageSinks = new UsageSinks(appOfHost, meters);
        autoscale = new AutoscaleWiring(tuning.autoscale(), dashboard.traffic());

        tls = new StoreTlsSource(new AppHostNames(config.domain()));
        if (withRouter) {
            QueuedAccessLog accessLog = new QueuedAccessLog(usageSinks.after(new Slf4jAccessLog(),
                    new AppAccessLog(appLogs, appOfHost), dashboard.trafficSink(appOfHost)));
            started.push(accessLog);
            router = RouterWiring.start(config, registry, dataDirectory.routerSnapshot(), tuning.passiveEjection(),
                    transport, group, meters, accessLog, tls, started).router().orElse(null);
        }

        started.push(store = StoreWiring.open(config, dataDirectory.root()));
        started.push(fleet = FleetWiring.of(store, dataDirectory.root(), tuning.fleet(), slugBucket));
        started.push(addons = AddonWiring.start(config.addons(), dataDirectory.root()));
        TlsPublishWiring.attach(config, tls, store, dataDirectory.root(), started); // and for separate routers
        adminToken = AdminToken.bootstrap(store, dataDirectory.root());
        AcmeWiring.start(config, store, appLogs, withRouter, fleet).forEach(started::push);
        startRuntime();
        started.push(usage = usageSinks.start(store, runtime.map(RuntimeWiring.Started::runtime))); // before runtime's stop
        started.push(usageSinks.readReports(config.registry(), dashboard.traffic(), store, fleet.node()));
        started.push(dashboard.startSampling(store, deployments)); // CPU and memory for the charts
        startGit();
        startTunnelGateway(group);
        if (config.apiPort() != FerryConfig.OFF) {
            control = new ControlServer(ControlConfig.builder()
                    .bindAddress(config.bindAddress()).port(FerryConfig.bindPort(config.apiPort()))
                    .reservedPorts(reservedPorts())
                    .appsDomain(config.domain())
                    .appsHttpPort(router != null ? router.httpPort() : ControlConfig.DEFAULT_APPS_HTTP_PORT)
                    .build(), registry, store, store::authenticate, meters::scrape,
                    runtime.map(r -> r.servletsAfter(git.httpServlet())).orElseGet(() -> List.of(git.httpServlet())),
                    apis(), deployments, appDataCleanups(), sessions, authFailures, dashboard.sessions());
            started.push(control.start());
            // Stop the build queue before the API, so that pushes waiting for a build are answered at once.
            started.push(git.queue());
        }
        if (deployments instanceof Reconciler reconciler) {
            started.push(reconciler); // stops its loop before the runtime stops
            resumed = reconciler.start();
        }
        started.push(autoscale.start(store, deployments, appLogs, withRouter || config.registry().isPresent()));
        Optional.ofNullable(router).ifPresent(r -> started.push(r::stopAccepting)); // stopping begins: in-flight requests finish
    }

    /**
     * The runtime (which kills what a previous run left) and the reconciler over it, which converges it to the
     * store's desired state once the API runs; stopped after the API and before the router, so that its instances
     * deregister and drain while the router still serves.
     */
    private void startRuntime() {
        renamedAppHosts = new RenamedAppHosts(new AppHostNames(config.domain()).readingFrom(store));
        DeploymentsWiring.Started s = DeploymentsWiring.start(config, store, new RuntimeWiring.Inputs(dataDirectory.root(),
                slugs(), registry, renamedAppHosts, appLogs, tuning.bootTimeout(), tuning.drainTimeout(), tuning.stopGrace(),
                addons.withLoopbackPorts(router == null ? List.of() : List.of(router.httpPort())), config.instanceNetwork(),
                config.sandboxLimits()), r -> fleet.reconciler(store, r, tuning.reconcileInterval()), started);
        runtime = s.runtime();
        deployments = s.deployments();
    }

    private SlugStore slugs() { // in the data dir, over the fleet's shared slugs when the store is shared
        return fleet.slugs(GitWiring.buildConfig(config, dataDirectory.root()).slugsDir());
    }

    /** The parts of the API over the build queue, keys, logs, tunnels and (when one runs) the runtime. */
    private List<ControlApi> apis() {
        GatewayDirectoryOfPlatform tunnels = new GatewayDirectoryOfPlatform(gateway, separateGateways, config.domain());
        List<ControlApi> apis = new ArrayList<>(List.of(new BuildsApi(store, store, store, git.queue(), sessions, store),
                git.keysApi(sessions), logsApi(), new TunnelApi(store, tunnels),
                new TunnelGatewaysApi(separateGateways, new EndpointsOfSeparateGateways(registry)),
                new TunnelGrantsApi(store, store::authenticate, tunnels, authFailures),
                CertificatesApi.over(store, new AppHostNames(config.domain()), config.acme().isPresent()),
                new UsageApi(store, store.usage()), addons.api(store, deployments), autoscale.api(store)));
        apis.addAll(dashboard.apis(store, authFailures, deployments, registry, gateway, separateGateways));
        deployments.runtime().ifPresent(r -> apis.add(new ProcessesApi(store, store, store, r, sessions)));
        return apis;
    }

    /** The tunnel gateway on the tunnel port unless it is off; see {@link GatewayWiring}. */
    private void startTunnelGateway(EventLoopGroup group) throws Exception {
        if (config.tunnelPort() != FerryConfig.OFF) {
            gateway = GatewayWiring.start(config, dataDirectory.root(), registry, store, store, sessions, authFailures,
                    group, transport);
            started.push(gateway);
        }
    }

    /** The log stream and drains in the API; the drains start sending the apps' streams at once. */
    private LogsApi logsApi() {
        drains = new LogDrains(appLogs, store, DrainConfig.DEFAULT,
                DrainAddressPolicy.allowing(config.drainAllow())).start();
        started.push(drains);
        return new LogsApi(store, store, store, appLogs, drains::refresh, LogsApi.DEFAULT_KEEP_ALIVE,
                LogsApi.DEFAULT_MAX_TAILS, sessions, drains.targets());
    }

    /**
     * What each part keeps per app outside the store, deleted when the app is destroyed (and before its name is reused),
     * in order: the build side's repository, cache, output and slugs; the app's log lines and drains; its traffic
     * series; the add-ons it owns (before the store). A renamed app's data moves through the same list.
     */
    private List<AppDataCleanup> appDataCleanups() {
        return List.of(new BuildDataCleanup(GitWiring.buildConfig(config, dataDirectory.root())), fleet.buildLogCleanup(),
                new AppLogData(appLogs, drains), renamedAppHosts, dashboard.cleanup(), addons.appCleanup(store, deployments), tls.appChanges());
    }

    /** The build queue, repositories and git over SSH; see {@link GitWiring}. */
    private void startGit() {
        git = GitWiring.start(dataDirectory.root(), GitWiring.buildConfig(config, dataDirectory.root()), store,
                deployments, config.bindAddress(),
                config.sshPort() == FerryConfig.OFF ? null : FerryConfig.bindPort(config.sshPort()), sessions, authFailures,
                runtime.map(RuntimeWiring.Started::builds).orElseGet(BuildSandbox::unsandboxed), slugs(), fleet.buildLogs(), fleet.repositories());
        started.push(git);
    }

    private Set<Integer> reservedPorts() {
        Set<Integer> ports = new HashSet<>(config.listenerPorts());
        Optional.ofNullable(router).ifPresent(r -> IntStream.of(r.httpPort(), r.httpsPort()).filter(p -> p > 0).forEach(ports::add));
        return ports;
    }

    public FerryConfig config() {
        return config;
    }

    /** The router's HTTPS port, or -1 when it is off. */
    public int httpsPort() {
        return router == null ? -1 : router.httpsPort();
    }

    /** False for a control node ({@link #startControl}), whose apps the fleet's routers serve. */
    public boolean runsRouter() {
        return withRouter;
    }

    /** The router's HTTP port, or -1 when the router is off. */
    public int httpPort() {
        return router == null ? -1 : router.httpPort();
    }

    /** The port of git over SSH, or -1 when it is off. */
    public int sshPort() {
        return git == null ? -1 : git.sshPort();
    }

    /** The tunnel gateway's port, or -1 when tunnels are off. */
    public int tunnelPort() {
        return gateway == null ? -1 : gateway.port();
    }

    /** The control API's port, or -1 when it is off. */
    public int apiPort() {
        return control == null ? -1 : control.port();
    }

    public AdminToken adminToken() {
        return adminToken;
    }

    /** The store of apps, users and tokens (SQLite in the data dir, or PostgreSQL with {@code --store}). */
    public Store store() {
        return store;
    }

    /** What writes the usage records (instance runs, router traffic); {@link UsageRecorder#flushNow} for tests. */
    public UsageRecorder usage() {
        return usage;
    }

    /** Each app's log stream, which the runtime appends instances' output and platform events to. */
    public AppLogs appLogs() {
        return appLogs;
    }

    public RouteRegistry registry() {
        return registry;
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public Transport transport() {
        return transport;
    }

    /** The runtime of apps' instances and how it isolates them; empty when none runs. */
    public Optional<RuntimeWiring.Started> runtime() {
        return runtime;
    }

    public AddonWiring addons() {
        return addons;
    }

    /** Completes when every app has been reconciled once after this start (its desired state runs, or failed to). */
    public CompletableFuture<Void> resumed() {
        return resumed;
    }

    /** Stops every role that started, in reverse order; never throws. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping {}: {}", c, e.toString());
            }
        }
    }
}
