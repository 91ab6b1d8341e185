package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The buildpacks in detection order and the choice of one for an app: the first line of a
 * {@code .buildpacks} file at the app's root (an id such as {@code nodejs}; {@code #} comments and blank
 * lines skipped) overrides detection; otherwise the first buildpack that detects the app wins.
 */
public final class Buildpacks {

    /** The override file. */
    public static final String OVERRIDE_FILE = ".buildpacks";

    private final List<Buildpack> ordered;

    public Buildpacks(List<Buildpack> ordered) {
        this.ordered = List.copyOf(ordered);
        if (this.ordered.isEmpty()) {
            throw new IllegalArgumentException("no buildpacks");
        }
    }

    /** Procfile only, static site, Node.js. */
    public static Buildpacks defaults() {
        return new Buildpacks(List.of(new ProcfileBuildpack(), new StaticSiteBuildpack(), new NodeBuildpack()));
    }

    /** The buildpack for the app in {@code src}. */
    public Buildpack select(Path src) throws BuildFailed, IOException {
        Path override = src.resolve(OVERRIDE_FILE);
        if (Files.isRegularFile(override)) {
            List<String> lines = Files.readAllLines(override, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String id = lines.get(i).strip();
                if (id.isEmpty() || id.startsWith("#")) {
                    continue;
                }
                Optional<Buildpack> chosen = ordered.stream().filter(b -> b.id().equals(id)).findFirst();
                if (chosen.isEmpty()) {
                    throw new BuildFailed(OVERRIDE_FILE + " line " + (i + 1) + ": unknown buildpack '" + id
                            + "' (known: " + ids() + ")");
                }
                return chosen.get();
            }
        }
        for (Buildpack b : ordered) {
            if (b.detect(src)) {
                return b;
            }
        }
        throw new BuildFailed("no buildpack detected: add a Procfile, an index.html or a package.json at the root");
    }

    private String ids() {
        return ordered.stream().map(Buildpack::id).collect(Collectors.joining(", "));
    }
}
