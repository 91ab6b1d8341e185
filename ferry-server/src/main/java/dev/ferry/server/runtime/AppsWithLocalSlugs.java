package dev.ferry.server.runtime;

import dev.ferry.build.slug.SlugStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.UserId;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The apps a control node sharing its store with others reconciles: those whose newest release was built on
 * this node (its slug is in this node's slug store). Apps run on the local runtime of the node that received
 * their push, so another node's reconciler must neither start them (it has no slug) nor fail the release that
 * node is rolling out as one left pending by a stop. Every other call goes to the store unchanged.
 */
public final class AppsWithLocalSlugs implements AppStore {

    private final AppStore apps;
    private final ReleaseStore releases;
    private final SlugStore slugs;

    public AppsWithLocalSlugs(AppStore apps, ReleaseStore releases, SlugStore slugs) {
        this.apps = apps;
        this.releases = releases;
        this.slugs = slugs;
    }

    /** Every app whose newest release has its slug on this node. */
    @Override
    public List<App> allApps() {
        return apps.allApps().stream().filter(this::builtHere).toList();
    }

    private boolean builtHere(App app) {
        try {
            return releases.releases(app.name(), Page.first(1)).items().stream()
                    .flatMap(r -> r.slugId().stream())
                    .anyMatch(slug -> Files.isRegularFile(slugs.file(slug)));
        } catch (AppNotFound destroyedMeanwhile) {
            return false;
        }
    }

    @Override
    public App createApp(UserId owner, AppName name) {
        return apps.createApp(owner, name);
    }

    @Override
    public App createAppWithRandomName(UserId owner) {
        return apps.createAppWithRandomName(owner);
    }

    @Override
    public Optional<App> app(AppName name) {
        return apps.app(name);
    }

    @Override
    public List<App> apps(UserId user) {
        return apps.apps(user);
    }

    @Override
    public DestroyedApp destroyApp(AppName app, UserId by) {
        return apps.destroyApp(app, by);
    }

    @Override
    public App renameApp(AppName app, AppName newName, UserId by) {
        return apps.renameApp(app, newName, by);
    }

    @Override
    public boolean canAccess(UserId user, AppName app) {
        return apps.canAccess(user, app);
    }

    @Override
    public Collaborator addCollaborator(AppName app, String email, UserId by) {
        return apps.addCollaborator(app, email, by);
    }

    @Override
    public void removeCollaborator(AppName app, String email, UserId by) {
        apps.removeCollaborator(app, email, by);
    }

    @Override
    public List<Collaborator> collaborators(AppName app) {
        return apps.collaborators(app);
    }

    @Override
    public AppDomain addDomain(AppName app, String hostname, UserId by) {
        return apps.addDomain(app, hostname, by);
    }

    @Override
    public AppDomain forceDomain(AppName app, String hostname, boolean routeExists, UserId by) {
        return apps.forceDomain(app, hostname, routeExists, by);
    }

    @Override
    public AppDomain removeDomain(AppName app, String hostname, UserId by) {
        return apps.removeDomain(app, hostname, by);
    }

    @Override
    public List<AppDomain> domains(AppName app) {
        return apps.domains(app);
    }

    @Override
    public Optional<AppDomain> domain(String hostname) {
        return apps.domain(hostname);
    }
}
