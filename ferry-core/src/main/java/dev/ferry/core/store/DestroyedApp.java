package dev.ferry.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link AppStore#destroyApp} removed, so that the caller can remove what the store does not own: the routes
 * of the app and of its domains, and the files each {@link AppDataCleanup} keeps for it.
 *
 * @param unusedSlugs the slugs of the app's releases that no other app's release uses (slugs are shared by
 *                    content), which may be deleted
 * @param builds      the app's builds, whose kept output may be deleted
 */
public record DestroyedApp(App app, List<AppDomain> domains, Set<String> unusedSlugs, List<BuildId> builds) {

    public DestroyedApp {
        Objects.requireNonNull(app, "app");
        domains = List.copyOf(domains);
        unusedSlugs = Set.copyOf(unusedSlugs);
        builds = List.copyOf(builds);
    }

    /** An app removed with its domains, about whose slugs and builds nothing is known. */
    public DestroyedApp(App app, List<AppDomain> domains) {
        this(app, domains, Set.of(), List.of());
    }

    /**
     * What a new app of this name may find left behind by an earlier one (whose slugs and builds are unknown):
     * the clean-ups remove everything kept under its name before the new app is used.
     */
    public static DestroyedApp leftoversOf(App app) {
        return new DestroyedApp(app, List.of());
    }
}
