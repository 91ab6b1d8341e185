package dev.ferry.control.addons;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.reconcile.Deployed;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonConflict;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonProvisioner;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.core.api.AddonCredentialsRotated;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.UserId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pg:credentials:rotate}, in the order that loses no request: new credentials are made beside the old ones,
 * recorded, and set in every attached app's config as a new release that the reconciler rolls out health-gated (old
 * instances keep serving with the old credentials meanwhile); once no instance of an older release of any attached
 * app is left (they drain and stop after the switch; waited for up to {@link #DEFAULT_OLD_INSTANCES_WAIT}, 2 min),
 * the old credentials lose their login, their sessions end and their role is dropped. When a deploy fails or old
 * instances outlive the wait, the old credentials stay valid (a running instance still needs them) and the answer
 * says so; rotating again later retires only the credentials it replaces. One-off processes ({@code ferry run})
 * started before are not waited for. Thread-safe; a second rotation of an add-on while one runs (on this node) is
 * refused with {@link AddonConflict}.
 */
final class CredentialRotation {

    /** How long the old instances of the attached apps may take to drain and stop after the switch. */
    static final Duration DEFAULT_OLD_INSTANCES_WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(CredentialRotation.class);

    private final AddonStore addons;
    private final ReleaseStore releases;
    private final Deployments deployments;
    private final AddonLifecycle lifecycle;
    private final Duration oldInstancesWait;
    private final ConcurrentHashMap<String, ReentrantLock> running = new ConcurrentHashMap<>();

    CredentialRotation(AddonStore addons, ReleaseStore releases, Deployments deployments, AddonLifecycle lifecycle,
                       Duration oldInstancesWait) {
        this.addons = Objects.requireNonNull(addons, "addons");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.oldInstancesWait = Objects.requireNonNull(oldInstancesWait, "oldInstancesWait");
    }

    AddonCredentialsRotated rotate(Addon addon, UserId by) {
        if (addon.kind() != AddonKind.POSTGRES) {
            throw new InvalidInput("only PostgreSQL add-ons can rotate their credentials; " + addon.name() + " is "
                    + addon.kind().code());
        }
        ReentrantLock lock = running.computeIfAbsent(addon.name(), n -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new AddonConflict("The credentials of " + addon.name() + " are being rotated already; wait for it.");
        }
        try {
            return rotateAlone(addon, by);
        } finally {
            lock.unlock();
        }
    }

    private AddonCredentialsRotated rotateAlone(Addon addon, UserId by) {
        AddonProvisioner provisioner = lifecycle.provisioner(addon.kind());
        String oldUrl = addons.url(addon.name());
        ProvisionedAddon fresh = provisioner.rotate(addon.resource());
        addons.updateUrl(addon.name(), fresh.url(), by);
        List<String> lines = new ArrayList<>();
        boolean oldOnesGone = true;
        for (AddonAttachment attachment : addon.attachments()) {
            AppName app = attachment.app();
            if (!releases.config(app).asMap().containsKey(attachment.configVar())) {
                continue;
            }
            Deployed deployed = deployments.release(app, () -> releases.setConfig(app,
                    Map.of(attachment.configVar(), fresh.url()), by), line -> { });
            lines.add(app + ": " + deployed.outcome());
            if (!deployed.succeeded()) {
                oldOnesGone = false;
            } else if (!awaitOldInstancesGone(app, deployed.release().version())) {
                lines.add(app + ": instances of releases before " + deployed.release().label() + " still run after "
                        + oldInstancesWait.toSeconds() + " s");
                oldOnesGone = false;
            }
        }
        String revoked = null;
        if (oldOnesGone) {
            provisioner.retire(addon.resource(), oldUrl);
            revoked = user(oldUrl);
        } else {
            log.warn("kept the old credentials of add-on {}: {}", addon.name(), lines);
        }
        return new AddonCredentialsRotated(addon.name(), user(fresh.url()), lines, revoked);
    }

    /** Waits until no instance of {@code app} older than {@code version} runs; false when the wait ran out. */
    private boolean awaitOldInstancesGone(AppName app, int version) {
        AppRuntime runtime = deployments.runtime().orElse(null);
        if (runtime == null) {
            return true;
        }
        long deadline = System.nanoTime() + oldInstancesWait.toNanos();
        while (runtime.instances(app).stream().anyMatch(i -> i.release() < version
                && i.state() != InstanceState.STOPPED)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String user(String url) {
        String info = URI.create(url).getRawUserInfo();
        return info == null ? "" : info.split(":", 2)[0];
    }
}
