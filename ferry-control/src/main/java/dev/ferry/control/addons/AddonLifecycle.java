package dev.ferry.control.addons;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonBackups;
import dev.ferry.core.addons.AddonConflict;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonProvisioner;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.UserId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each add-on verb does, in order, so that a failure leaves nothing half-made: create provisions on the server,
 * records the add-on and then sets its config var as a new release that rolls out (as {@code config:set} does);
 * attach and detach set or remove the config var of one app as a release; destroy first removes the config var from
 * every attached app (each a new release), then drops the resource on the server, then forgets the add-on. The plan
 * is only {@value #DEFAULT_PLAN} for now. Thread-safe.
 */
public final class AddonLifecycle {

    /** The one plan there is: a database or ACL user without quota of its own. */
    public static final String DEFAULT_PLAN = "default";

    private static final Logger log = LoggerFactory.getLogger(AddonLifecycle.class);

    private final AddonStore addons;
    private final ReleaseStore releases;
    private final Deployments deployments;
    private final Map<AddonKind, AddonProvisioner> provisioners = new EnumMap<>(AddonKind.class);
    private final Optional<AddonBackups> backups;

    /** As the full constructor, without backups. */
    public AddonLifecycle(AddonStore addons, ReleaseStore releases, Deployments deployments,
                          List<AddonProvisioner> provisioners) {
        this(addons, releases, deployments, provisioners, Optional.empty());
    }

    /**
     * @param provisioners at most one per kind; a kind without one is refused with {@link AddonsNotConfigured}
     * @param backups      where PostgreSQL add-ons' backups are kept, deleted with their add-on
     */
    public AddonLifecycle(AddonStore addons, ReleaseStore releases, Deployments deployments,
                          List<AddonProvisioner> provisioners, Optional<AddonBackups> backups) {
        this.backups = backups;
        this.addons = addons;
        this.releases = releases;
        this.deployments = deployments;
        for (AddonProvisioner p : provisioners) {
            if (this.provisioners.put(p.kind(), p) != null) {
                throw new IllegalArgumentException("two provisioners of " + p.kind().code() + " add-ons");
            }
        }
    }

    /** Where add-ons of {@code kind} are made ({@code host:port}), or empty when none is configured. */
    public Optional<String> location(AddonKind kind) {
        return Optional.ofNullable(provisioners.get(kind)).map(AddonProvisioner::location);
    }

    /** The provisioner of {@code kind}. */
    AddonProvisioner provisioner(AddonKind kind) {
        AddonProvisioner provisioner = provisioners.get(kind);
        if (provisioner == null) {
            throw new AddonsNotConfigured(kind);
        }
        return provisioner;
    }

    /** The URL with the add-on's current credentials. */
    String url(Addon addon) {
        return addons.url(addon.name());
    }

    ReleaseStore releases() {
        return releases;
    }

    Deployments deployments() {
        return deployments;
    }

    /** The backups of PostgreSQL add-ons, when the platform keeps them. */
    Optional<AddonBackups> backups() {
        return backups;
    }

    Addon create(AppName app, AddonKind kind, String name, String plan, String alias, UserId by) {
        AddonProvisioner provisioner = provisioner(kind);
        if (!DEFAULT_PLAN.equals(plan)) {
            throw new InvalidInput("unknown plan '" + plan + "'; the plan there is: " + DEFAULT_PLAN);
        }
        String addonName = name == null ? AddonNames.generate(kind) : AddonNames.checked(name);
        String configVar = AddonNames.configVar(kind, alias);
        if (addons.addon(addonName).isPresent()) {
            throw new AddonConflict("An add-on named " + addonName + " exists already; choose another with --as.");
        }
        if (releases.config(app).asMap().containsKey(configVar)) {
            throw new AddonConflict("The app " + app + " has the config var " + configVar + " set already; unset it"
                    + " or choose another name with --as.");
        }
        ProvisionedAddon provisioned = provisioner.provision(addonName);
        backups.ifPresent(b -> b.deleteAll(addonName)); // an earlier add-on of this name may have left some
        Addon addon;
        try {
            addon = addons.createAddon(addonName, kind, plan, app, provisioned, configVar, by);
        } catch (RuntimeException e) {
            undo(provisioner, provisioned.resource());
            throw e;
        }
        deployments.release(app, () -> releases.setConfig(app, Map.of(configVar, provisioned.url()), by), line -> { });
        return addons.addon(addonName).orElse(addon);
    }

    AddonAttachment attach(String name, AppName app, String alias, UserId by) {
        Addon addon = addons.addon(name).orElseThrow(() -> new dev.ferry.core.addons.AddonNotFound(
                "There is no add-on named " + name + "."));
        String configVar = AddonNames.configVar(addon.kind(), alias);
        if (releases.config(app).asMap().containsKey(configVar)) {
            throw new AddonConflict("The app " + app + " has the config var " + configVar + " set already; unset it"
                    + " or choose another name with --as.");
        }
        AddonAttachment attachment = addons.attach(name, app, configVar, by);
        String url = addons.url(name);
        deployments.release(app, () -> releases.setConfig(app, Map.of(configVar, url), by), line -> { });
        return attachment;
    }

    AddonAttachment detach(String name, AppName app, UserId by) {
        AddonAttachment attachment = addons.detach(name, app, by);
        unsetVar(attachment, by);
        return attachment;
    }

    void destroy(Addon addon, UserId by) {
        destroy(addon, by, Optional.empty());
    }

    /** Destroys an add-on owned by an app that is being destroyed: no release is made for that app. */
    void destroyWithApp(Addon addon, UserId by) {
        destroy(addon, by, Optional.of(addon.owner()));
    }

    private void destroy(Addon addon, UserId by, Optional<AppName> leaving) {
        AddonProvisioner provisioner = provisioner(addon.kind());
        for (AddonAttachment attachment : addon.attachments()) {
            if (leaving.filter(attachment.app()::equals).isEmpty()) {
                unsetVar(attachment, by);
            }
        }
        provisioner.deprovision(addon.resource());
        backups.ifPresent(b -> b.deleteAll(addon.name()));
        addons.removeAddon(addon.name(), by);
    }

    private void unsetVar(AddonAttachment attachment, UserId by) {
        if (releases.config(attachment.app()).asMap().containsKey(attachment.configVar())) {
            deployments.release(attachment.app(), () -> releases.unsetConfig(attachment.app(),
                    Set.of(attachment.configVar()), by), line -> { });
        }
    }

    private static void undo(AddonProvisioner provisioner, String resource) {
        try {
            provisioner.deprovision(resource);
        } catch (RuntimeException e) {
            log.warn("could not remove the add-on resource {} after a failed create: {}", resource, e.getMessage());
        }
    }
}
