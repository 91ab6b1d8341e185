package dev.ferry.core.manifest;

import dev.ferry.core.store.Formation;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an app's {@code app.json} says, read once by the {@link AppManifestReader} (Heroku's and Dokku's
 * format): the buildpacks that override detection, the health checks of each process type, the
 * {@code formation} a process type starts with when it first appears, and Dokku's deploy scripts. An app
 * without {@code app.json} has {@link #NONE}.
 *
 * @param buildpacks  {@code buildpacks[].url}, in order; empty when absent
 * @param healthChecks {@code healthchecks}: process type to its checks, ordered by type; empty when absent
 * @param formation   {@code formation}: process type to its quantity and size, ordered by type; empty when absent
 * @param predeploy   {@code scripts.dokku.predeploy}: run once before the new instances start; a failure stops
 *                    the deploy
 * @param postdeploy  {@code scripts.dokku.postdeploy}: run once after the new instances serve; a failure is
 *                    reported and the release stays
 */
public record AppManifest(List<BuildpackRef> buildpacks, Map<String, List<AppHealthCheck>> healthChecks,
                          Map<String, ProcessFormation> formation, Optional<String> predeploy,
                          Optional<String> postdeploy) {

    /** The manifest of an app without {@code app.json}. */
    public static final AppManifest NONE = new AppManifest(List.of(), Map.of(), Map.of(), Optional.empty(),
            Optional.empty());

    public AppManifest {
        buildpacks = List.copyOf(buildpacks);
        TreeMap<String, List<AppHealthCheck>> checks = new TreeMap<>();
        healthChecks.forEach((type, list) -> checks.put(type, List.copyOf(list)));
        healthChecks = Collections.unmodifiableSortedMap(checks);
        formation = Collections.unmodifiableSortedMap(new TreeMap<>(formation));
        Objects.requireNonNull(predeploy, "predeploy");
        Objects.requireNonNull(postdeploy, "postdeploy");
    }

    /** The checks declared for {@code processType}; empty for none. */
    public List<AppHealthCheck> checksOf(String processType) {
        return healthChecks.getOrDefault(processType, List.of());
    }

    /**
     * The quantities {@code formation} gives the process types of a new release that the app's formation does not
     * hold yet: all of them on the first deploy, else those that first appear. The others keep what
     * {@code ps:scale} (or an earlier deploy) set. In {@code processTypes}' order; types without an entry are left out.
     */
    public Map<String, Integer> firstQuantities(Formation current, Collection<String> processTypes) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (String type : processTypes) {
            ProcessFormation declared = formation.get(type);
            if (declared != null && !current.quantities().containsKey(type)) {
                quantities.put(type, declared.quantity());
            }
        }
        return quantities;
    }

    /**
     * One entry of {@code buildpacks}.
     *
     * @param url  the name or URL, as written ({@code heroku/nodejs})
     * @param line the 1-based line of {@code app.json} it is on, for error messages
     */
    public record BuildpackRef(String url, int line) {

        public BuildpackRef {
            Objects.requireNonNull(url, "url");
        }
    }
}
