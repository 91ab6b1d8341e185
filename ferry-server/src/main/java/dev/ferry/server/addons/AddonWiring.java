package dev.ferry.server.addons;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.LocalAddonServers;
import dev.ferry.addons.PgDumpBackups;
import dev.ferry.addons.PostgresAddonProvisioner;
import dev.ferry.addons.RedisAddonProvisioner;
import dev.ferry.control.ControlApi;
import dev.ferry.control.addons.AddonAppCleanup;
import dev.ferry.control.addons.AddonLifecycle;
import dev.ferry.control.addons.AddonsApi;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.addons.AddonBackups;
import dev.ferry.core.addons.AddonProvisioner;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.Store;
import dev.ferry.server.config.AddonSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The add-ons of one platform: the provisioners of the servers {@link AddonSettings} names (a given server wins over
 * the local one of its kind), the backups of PostgreSQL add-ons in {@code <data-dir>/addons/backups}, the local servers when {@code --addons local} asks for them (stopped by
 * {@link #close()}), and the add-ons API over the store and the platform's deployments. {@link #describe()} is the
 * line {@code ferry up} prints.
 */
public final class AddonWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AddonWiring.class);

    private final List<AddonProvisioner> provisioners;
    private final Optional<LocalAddonServers> local;
    private final List<Integer> loopbackPorts;
    private final AddonBackups backups;

    private AddonWiring(List<AddonProvisioner> provisioners, Optional<LocalAddonServers> local,
                        List<Integer> loopbackPorts, AddonBackups backups) {
        this.backups = backups;
        this.provisioners = List.copyOf(provisioners);
        this.local = local;
        this.loopbackPorts = List.copyOf(loopbackPorts);
    }

    /**
     * The ports of add-on servers on this host's loopback (the local ones, or given ones at 127.0.0.1): instances in
     * their own network namespace must still reach them at the same address, as they reach the router.
     */
    public List<Integer> loopbackPorts() {
        return loopbackPorts;
    }

    /** {@code ports} (the router's) and then {@link #loopbackPorts()}: what instances may reach on loopback. */
    public List<Integer> withLoopbackPorts(List<Integer> ports) {
        return java.util.stream.Stream.concat(ports.stream(), loopbackPorts.stream()).distinct().toList();
    }

    /** Starts the local servers if asked for, and makes the provisioners. */
    public static AddonWiring start(AddonSettings settings, Path dataDir) throws IOException {
        Optional<LocalAddonServers> local = settings.local() && (settings.postgres().isEmpty() || settings.redis().isEmpty())
                ? Optional.of(LocalAddonServers.start(dataDir)) : Optional.empty();
        Optional<AddonServerUrl> postgres = settings.postgres().or(() -> local.flatMap(LocalAddonServers::postgres));
        Optional<AddonServerUrl> redis = settings.redis().or(() -> local.flatMap(LocalAddonServers::redis));
        List<AddonProvisioner> provisioners = new ArrayList<>();
        postgres.ifPresent(url -> provisioners.add(new PostgresAddonProvisioner(url)));
        redis.ifPresent(url -> provisioners.add(new RedisAddonProvisioner(url)));
        List<Integer> loopback = java.util.stream.Stream.of(postgres, redis).flatMap(Optional::stream)
                .filter(url -> isLoopback(url.host())).map(AddonServerUrl::port).distinct().toList();
        AddonWiring wiring = new AddonWiring(provisioners, local, loopback,
                new PgDumpBackups(dataDir.resolve("addons").resolve("backups")));
        log.info("add-ons: {}", wiring.describe());
        return wiring;
    }

    /** The add-ons API of this platform. */
    public ControlApi api(Store store, Deployments deployments) {
        return new AddonsApi(store, store, store.addons(), lifecycle(store, deployments));
    }

    /** What {@code apps:destroy} does to the add-ons an app owns: destroys them first (see {@link AddonAppCleanup}). */
    public AppDataCleanup appCleanup(Store store, Deployments deployments) {
        return new AddonAppCleanup(store.addons(), lifecycle(store, deployments));
    }

    private AddonLifecycle lifecycle(Store store, Deployments deployments) {
        return new AddonLifecycle(store.addons(), store, deployments, provisioners, Optional.of(backups));
    }

    /** What {@code ferry up} prints: where each kind of add-on is made, or how to configure one. */
    public String describe() {
        if (provisioners.isEmpty()) {
            return "none (--addons local, or --addons-postgres / --addons-redis URL)";
        }
        List<String> parts = new ArrayList<>();
        for (AddonProvisioner p : provisioners) {
            parts.add(p.kind().code() + " on " + p.location());
        }
        return String.join(", ", parts) + (local.isPresent() ? " (run by Ferry from this host's binaries, loopback only)"
                : "");
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    @Override
    public void close() {
        local.ifPresent(LocalAddonServers::close);
    }
}
